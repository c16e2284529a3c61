package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import io.dataplane.operator.host.HostIoException;
import java.util.Objects;
import java.util.Optional;

/**
 * The kubelet drop-in. A change is disruptive: the kubelet must stop, lose its
 * {@code cpu_manager_state} checkpoint (else it refuses to start with a different policy), get the
 * new file and start again.
 */
final class KubeletStep {

    private KubeletStep() {
    }

    static void run(HostChange c, HostCommands commands, AgentPaths paths, NodeCpuConfig cpu) {
        Optional<String> invalid = KubeletDropIn.invalid(cpu);
        if (invalid.isPresent()) {
            c.problem(Reasons.KUBELET_CONFIG_INVALID, invalid.get());
            return;
        }
        Optional<String> want = KubeletDropIn.render(cpu);
        Optional<String> have = c.fs.readIfExists(paths.dropIn());
        boolean differs = !Objects.equals(want.map(String::strip), have);
        if (!differs || (want.isEmpty() && !c.owned.kubeletDropIn)) {
            return; // in place, or a file the agent did not write
        }
        String change = want.isPresent() ? "kubelet CPU/topology settings (" + paths.dropIn() + ")"
                : "kubelet CPU/topology settings removed (no longer wanted)";
        if (!c.proceed(true, change + ": kubelet restart with a new cpu_manager_state")) {
            return;
        }
        c.owned.kubeletDropIn = true;
        c.save();
        try {
            commands.stopKubelet();
        } catch (HostCommands.HostCommandException e) {
            c.problem(Reasons.KUBELET_RESTART_REQUIRED, "could not stop the kubelet, its settings are unchanged: " + e.getMessage());
            return;
        }
        try {
            c.fs.delete(paths.cpuManagerState());
            if (want.isPresent()) {
                c.fs.writeFile(paths.dropIn(), want.get());
            } else {
                c.fs.delete(paths.dropIn());
            }
            c.changed(change);
        } catch (HostIoException e) {
            c.problem(Reasons.KUBELET_CONFIG_FAILED, "cannot write " + paths.dropIn() + ": " + e.getMessage());
        }
        String why = "CPU/topology settings" + (c.restartReasons.containsKey(HostCommands.KUBELET) ? ", huge pages" : "");
        c.restartReasons.remove(HostCommands.KUBELET);
        try {
            commands.startKubelet();
            c.owned.restartsPending.remove(HostCommands.KUBELET);
            c.report.restarts.add(HostCommands.KUBELET + " (" + why + ")");
        } catch (HostCommands.HostCommandException e) {
            c.owned.restartsPending.add(HostCommands.KUBELET);
            c.report.restartsRequired.add(HostCommands.KUBELET);
            c.problem(Reasons.KUBELET_RESTART_REQUIRED, "the kubelet did not start again: " + e.getMessage());
        }
        if (want.isEmpty()) {
            c.owned.kubeletDropIn = false;
        }
        c.save();
    }
}
