package io.dataplane.operator.agent.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restarts the services whose settings changed in this pass (the kubelet after huge pages,
 * ovs-vswitchd after DPDK memory or lcores), and those whose restart failed before: a failed
 * restart is remembered on the host and retried, and reported in status.restartsRequired until it
 * succeeds, so a setting never silently waits for a restart.
 */
final class RestartStep {

    private RestartStep() {
    }

    static void run(HostChange c, HostCommands commands) {
        if (!c.applying()) {
            return;
        }
        Map<String, String> todo = new LinkedHashMap<>(c.restartReasons);
        c.owned.restartsPending.forEach(s -> todo.putIfAbsent(s, "a restart failed before"));
        todo.forEach((service, why) -> {
            try {
                if (service.equals(HostCommands.KUBELET)) {
                    commands.restartKubelet();
                } else {
                    commands.restartOvsVswitchd();
                }
                c.owned.restartsPending.remove(service);
                c.report.restarts.add(service + " (" + why + ")");
            } catch (HostCommands.HostCommandException e) {
                c.owned.restartsPending.add(service);
                c.report.restartsRequired.add(service);
                c.problem(service.equals(HostCommands.KUBELET) ? Reasons.KUBELET_RESTART_REQUIRED : Reasons.OVS_RESTART_REQUIRED,
                        service + " must restart (" + why + ") but the restart failed: " + e.getMessage());
            }
        });
        c.save();
    }
}
