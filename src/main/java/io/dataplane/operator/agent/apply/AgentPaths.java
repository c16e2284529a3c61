package io.dataplane.operator.agent.apply;

/**
 * Host paths of the files the agent reads and writes besides sysfs. All are host paths (below the
 * host root in the pod).
 */
public record AgentPaths(String stateDir, String kubeletDropInDir, String kubeletConfig, String kubeletStateDir) {

    /** The file the agent owns in the kubelet drop-in directory; 99- so it wins over earlier drop-ins. */
    public static final String DROP_IN_NAME = "99-dataplane-operator.conf";
    /** Changes on every boot: tells a reboot from an agent restart. */
    public static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";

    public static AgentPaths defaults() {
        return new AgentPaths("/var/lib/dataplane-agent", "/etc/kubernetes/kubelet.conf.d", "/var/lib/kubelet/config.yaml",
                "/var/lib/kubelet");
    }

    public String dropIn() {
        return kubeletDropInDir + "/" + DROP_IN_NAME;
    }

    public String cpuManagerState() {
        return kubeletStateDir + "/cpu_manager_state";
    }
}
