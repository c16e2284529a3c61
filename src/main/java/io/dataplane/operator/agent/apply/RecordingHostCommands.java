package io.dataplane.operator.agent.apply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Host commands for simulated nodes and tests: records each call ("stop kubelet", "restart
 * ovs-vswitchd"), optionally passes it to a journal (a simulated node appends it to a file under its
 * host root), and fails the calls a test asks to fail.
 */
public final class RecordingHostCommands implements HostCommands {

    private final List<String> calls = new ArrayList<>();
    private final Deque<String> failures = new ArrayDeque<>();
    private final Consumer<String> journal;

    public RecordingHostCommands() {
        this(c -> {
        });
    }

    public RecordingHostCommands(Consumer<String> journal) {
        this.journal = journal;
    }

    @Override
    public void stopKubelet() {
        run("stop " + KUBELET, KUBELET);
    }

    @Override
    public void startKubelet() {
        run("start " + KUBELET, KUBELET);
    }

    @Override
    public void restartKubelet() {
        run("restart " + KUBELET, KUBELET);
    }

    @Override
    public void restartOvsVswitchd() {
        run("restart " + OVS_VSWITCHD, OVS_VSWITCHD);
    }

    /** The next call equal to {@code call} (e.g. "start kubelet") fails. */
    public synchronized void failNext(String call) {
        failures.add(call);
    }

    /** Calls so far, oldest first (failed ones included, marked " (failed)"). */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clear() {
        calls.clear();
    }

    private synchronized void run(String call, String service) {
        Optional<String> fail = failures.stream().filter(call::equals).findFirst();
        if (fail.isPresent()) {
            failures.remove(call);
            calls.add(call + " (failed)");
            journal.accept(call + " (failed)");
            throw new HostCommandException(service, "systemctl " + call + " failed (simulated)");
        }
        calls.add(call);
        journal.accept(call);
    }
}
