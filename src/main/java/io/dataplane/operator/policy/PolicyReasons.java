package io.dataplane.operator.policy;

/** Condition reasons of NfvNodePolicy status (CamelCase, stable: users and alerts match on them). */
public final class PolicyReasons {
    // Degraded=True
    /** This policy lost a contested setting to another policy on some nodes. */
    public static final String CONFLICT = "Conflict";
    /** A pool's resourceName is used elsewhere with a different device type or class. */
    public static final String RESOURCE_NAME_CONFLICT = "ResourceNameConflict";
    /** A VF range does not fit the pool's numVfs, or pfNames and rootDevices give different ranges. */
    public static final String INVALID_VF_RANGE = "InvalidVfRange";
    /** numVfs is above the PF's sriov_totalvfs. */
    public static final String NUM_VFS_EXCEED_TOTAL = "NumVfsExceedTotalVfs";
    /** A pool names a PF that cannot do SR-IOV. */
    public static final String DEVICE_NOT_SRIOV_CAPABLE = "DeviceNotSriovCapable";
    /** CPUs that are not online on the node. */
    public static final String CPU_SET_OUTSIDE_NODE = "CpuSetOutsideNode";
    /** Huge pages beyond the node's (or NUMA node's) memory, or on a NUMA node the host does not have. */
    public static final String HUGEPAGES_EXCEED_MEMORY = "HugepagesExceedMemory";
    /** A CPU list or selector the schema let through but that cannot be parsed. */
    public static final String INVALID_SPEC = "InvalidSpec";
    /** nicSelector.netFilter needs cloud metadata the node inventory does not carry yet. */
    public static final String NET_FILTER_UNSUPPORTED = "NetFilterUnsupported";
    /** The node agent failed to apply the node's state. */
    public static final String NODE_FAILED = "NodeFailed";
    /** Degraded=False. */
    public static final String AS_EXPECTED = "AsExpected";

    // Progressing
    /** Selected nodes whose NfvNodeState the operator has not written yet (right after a policy appears). */
    public static final String AWAITING_NODE_STATES = "AwaitingNodeStates";
    public static final String AWAITING_INVENTORY = "AwaitingInventory";
    public static final String WAITING_FOR_DISRUPTION_BUDGET = "WaitingForDisruptionBudget";
    public static final String APPLYING = "Applying";
    public static final String STABLE = "Stable";

    // Ready
    public static final String ALL_NODES_READY = "AllNodesReady";
    public static final String NODES_NOT_READY = "NodesNotReady";
    public static final String NO_MATCHING_NODES = "NoMatchingNodes";

    private PolicyReasons() {
    }
}
