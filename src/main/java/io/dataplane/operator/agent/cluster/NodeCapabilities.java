package io.dataplane.operator.agent.cluster;

import io.dataplane.operator.api.v1alpha1.ApiGroup;
import io.dataplane.operator.api.v1alpha1.HugepageInventory;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node labels for scheduling, from what the agent found on the host. Only true facts are labelled
 * ({@code "true"}); a label the host no longer earns is removed, so a nodeSelector never matches a
 * node that lost the capability.
 */
public final class NodeCapabilities {

    public static final String PREFIX = ApiGroup.GROUP + "/";
    public static final String SRIOV_CAPABLE = PREFIX + "sriov-capable";
    public static final String SRIOV_CONFIGURED = PREFIX + "sriov-configured";
    public static final String DPDK_READY = PREFIX + "dpdk-ready";
    public static final String HUGEPAGES_2MI = PREFIX + "hugepages-2Mi";
    public static final String HUGEPAGES_1GI = PREFIX + "hugepages-1Gi";

    private NodeCapabilities() {
    }

    public static Map<String, String> labels(NodeInventory inv) {
        Map<String, String> labels = new TreeMap<>();
        if (inv == null) {
            return labels;
        }
        for (NicInventory nic : inv.getNics()) {
            if (!"network".equals(nic.getDeviceClass())) {
                continue;
            }
            if (nic.getTotalVfs() != null && nic.getTotalVfs() > 0) {
                labels.put(SRIOV_CAPABLE, "true");
            }
            if (nic.getNumVfs() != null && nic.getNumVfs() > 0) {
                labels.put(SRIOV_CONFIGURED, "true");
            }
        }
        if (inv.getOvs() != null && Boolean.TRUE.equals(inv.getOvs().getDpdkInitialized())) {
            labels.put(DPDK_READY, "true");
        }
        for (HugepageInventory h : inv.getHugepages()) {
            if (h.getTotal() != null && h.getTotal() > 0) {
                labels.put(PREFIX + "hugepages-" + h.getSize().value(), "true");
            }
        }
        return labels;
    }

    /** The capability labels among a Node's labels (a null value is the mock server's removed label). */
    public static Map<String, String> ours(Map<String, String> nodeLabels) {
        Map<String, String> ours = new TreeMap<>();
        nodeLabels.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && v != null) {
                ours.put(k, v);
            }
        });
        return ours;
    }

    /** What a merge patch of the labels must say to go from {@code before} to {@code after}: only what changed (null removes). */
    public static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> patch = new LinkedHashMap<>();
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> patch.put(k, null));
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                patch.put(k, v);
            }
        });
        return patch;
    }
}
