package io.dataplane.operator.agent.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code systemctl <verb> <unit>} on the host through a prefix that enters the host's
 * namespaces ({@code nsenter --target 1 --mount ... --}; the agent pod needs hostPID). The unit
 * names are the usual ones: {@code kubelet} and, for OVS, {@code ovs-vswitchd} (Debian/Ubuntu;
 * RHEL's openvswitch unit restarts it too).
 */
public final class SystemdHostCommands implements HostCommands {

    private final List<String> prefix;
    private final Duration timeout;

    public SystemdHostCommands(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    @Override
    public void stopKubelet() {
        systemctl("stop", KUBELET);
    }

    @Override
    public void startKubelet() {
        systemctl("start", KUBELET);
    }

    @Override
    public void restartKubelet() {
        systemctl("restart", KUBELET);
    }

    @Override
    public void restartOvsVswitchd() {
        systemctl("restart", OVS_VSWITCHD);
    }

    /** The command line for a verb and unit, e.g. for a dry run in the log. */
    public List<String> command(String verb, String unit) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("systemctl", verb, unit));
        return cmd;
    }

    private void systemctl(String verb, String unit) {
        List<String> cmd = command(verb, unit);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new HostCommandException(unit, String.join(" ", cmd) + " timed out after " + timeout);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new HostCommandException(unit, String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")"
                        + (out.isEmpty() ? "" : ": " + out));
            }
        } catch (IOException e) {
            throw new HostCommandException(unit, String.join(" ", cmd) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCommandException(unit, String.join(" ", cmd) + " interrupted");
        }
    }
}
