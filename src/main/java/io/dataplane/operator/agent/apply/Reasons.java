package io.dataplane.operator.agent.apply;

/** Condition reasons the agent reports on NfvNodeState (CamelCase, as the API conventions want). */
public final class Reasons {
    public static final String APPLIED = "Applied";
    /** The state has no spec (the agent registered it): nothing to apply. */
    public static final String NO_INTENT = "NoIntent";
    public static final String STABLE = "Stable";
    public static final String AS_EXPECTED = "AsExpected";
    public static final String AWAITING_DISRUPTION_GRANT = "AwaitingDisruptionGrant";
    /** Cordoned for a granted disruptive change; the drain comes next. */
    public static final String DRAINING = "Draining";

    public static final String DEVICE_NOT_FOUND = "DeviceNotFound";
    public static final String VF_CONFIG_FAILED = "VfConfigFailed";
    public static final String DRIVER_BIND_FAILED = "DriverBindFailed";
    public static final String MTU_CONFIG_FAILED = "MtuConfigFailed";
    public static final String NO_IOMMU_FAILED = "NoIommuModeFailed";
    public static final String HUGEPAGES_PARTIALLY_ALLOCATED = "HugepagesPartiallyAllocated";
    public static final String HUGEPAGES_FAILED = "HugepagesFailed";
    public static final String KUBELET_CONFIG_INVALID = "KubeletConfigInvalid";
    public static final String KUBELET_CONFIG_FAILED = "KubeletConfigFailed";
    public static final String KUBELET_RESTART_REQUIRED = "KubeletRestartRequired";
    public static final String OVS_UNREACHABLE = "OvsUnreachable";
    public static final String OVS_CONFIG_FAILED = "OvsConfigFailed";
    public static final String OVS_RESTART_REQUIRED = "OvsRestartRequired";
    public static final String OVS_INTERFACE_ERROR = "OvsInterfaceError";
    public static final String CORDON_FAILED = "CordonFailed";
    public static final String DRAIN_FAILED = "DrainFailed";
    public static final String AGENT_ERROR = "AgentError";

    /** Condition type saying the agent holds the node cordoned. */
    public static final String CORDONED = "Cordoned";
    public static final String UNCORDONED = "Uncordoned";

    private Reasons() {
    }
}
