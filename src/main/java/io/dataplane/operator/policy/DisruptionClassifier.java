package io.dataplane.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import io.dataplane.operator.api.v1alpha1.NodeHugepagesConfig;
import io.dataplane.operator.api.v1alpha1.NodeOvsDpdkConfig;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which changes between two node specs disturb running workloads and so must wait for a disruption grant.
 * Disruptive: a PF's VF count when it had VFs ({@code sriov_numvfs} goes through 0, destroying every VF),
 * a VF's driver, huge pages (the kubelet reads them only at start), kubelet CPU/topology settings (restart
 * plus a new cpu_manager_state), OVS-DPDK memory and lcores (ovs-vswitchd restart), and binding nested
 * virtio devices. Everything else — a new PF, VFs moving between pools with the same driver, MTU, new
 * bridges, {@code pmd-cpu-mask} — applies live, on every node at once. The agent, which sees the host,
 * has the last word (it sets {@code status.disruptionRequired}); this is the shared definition.
 */
public final class DisruptionClassifier {
    private DisruptionClassifier() {
    }

    /** Human-readable disruptive changes from {@code before} to {@code after}; empty when none. */
    public static List<String> disruptiveChanges(NfvNodeStateSpec before, NfvNodeStateSpec after) {
        NfvNodeStateSpec a = before == null ? new NfvNodeStateSpec() : before;
        NfvNodeStateSpec b = after == null ? new NfvNodeStateSpec() : after;
        List<String> changes = new ArrayList<>();
        sriov(a.getInterfaces(), b.getInterfaces(), changes);
        hugepages(a.getHugepages(), b.getHugepages(), changes);
        cpu(a.getCpu(), b.getCpu(), changes);
        ovs(a.getOvsDpdk(), b.getOvsDpdk(), changes);
        nested(a.getNested(), b.getNested(), changes);
        return changes;
    }

    public static boolean isDisruptive(NfvNodeStateSpec before, NfvNodeStateSpec after) {
        return !disruptiveChanges(before, after).isEmpty();
    }

    private static void sriov(List<InterfaceConfig> before, List<InterfaceConfig> after, List<String> changes) {
        Map<String, InterfaceConfig> old = new HashMap<>();
        before.forEach(i -> old.put(i.getPciAddress(), i));
        Map<String, InterfaceConfig> now = new HashMap<>();
        after.forEach(i -> now.put(i.getPciAddress(), i));
        Set<String> all = new TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        for (String pci : all) {
            InterfaceConfig o = old.get(pci);
            InterfaceConfig n = now.get(pci);
            int was = o == null || o.getNumVfs() == null ? 0 : o.getNumVfs();
            int will = n == null || n.getNumVfs() == null ? 0 : n.getNumVfs();
            if (was > 0 && will != was) {
                changes.add("numVfs of " + pci + " " + was + " -> " + will);
                continue; // every VF is recreated anyway
            }
            Map<Integer, DeviceType> drivers = drivers(o);
            drivers(n).forEach((index, type) -> {
                DeviceType previous = drivers.get(index);
                if (previous != null && previous != type) {
                    changes.add("driver of VF " + index + " of " + pci + " " + previous.value() + " -> " + type.value());
                }
            });
        }
    }

    private static Map<Integer, DeviceType> drivers(InterfaceConfig pf) {
        Map<Integer, DeviceType> out = new HashMap<>();
        if (pf != null) {
            for (VfGroupConfig g : pf.getVfGroups()) {
                for (int i = g.getFirst(); i <= g.getLast(); i++) {
                    out.put(i, g.getDeviceType() == null ? DeviceType.NETDEVICE : g.getDeviceType());
                }
            }
        }
        return out;
    }

    private static void hugepages(NodeHugepagesConfig before, NodeHugepagesConfig after, List<String> changes) {
        if (!Objects.equals(withoutPolicy(before), withoutPolicy(after))) {
            changes.add("huge pages");
        }
    }

    private static void cpu(NodeCpuConfig before, NodeCpuConfig after, List<String> changes) {
        NodeCpuConfig a = before == null ? new NodeCpuConfig() : before;
        NodeCpuConfig b = after == null ? new NodeCpuConfig() : after;
        if (a.getManagerPolicy() != b.getManagerPolicy() || !Objects.equals(a.getReserved(), b.getReserved())
                || !Set.copyOf(a.getManagerPolicyOptions()).equals(Set.copyOf(b.getManagerPolicyOptions()))
                || a.getTopologyManagerPolicy() != b.getTopologyManagerPolicy()
                || a.getTopologyManagerScope() != b.getTopologyManagerScope()) {
            changes.add("kubelet CPU/topology settings");
        }
    }

    private static void ovs(NodeOvsDpdkConfig before, NodeOvsDpdkConfig after, List<String> changes) {
        NodeOvsDpdkConfig a = before == null ? new NodeOvsDpdkConfig() : before;
        NodeOvsDpdkConfig b = after == null ? new NodeOvsDpdkConfig() : after;
        if (!a.getSocketMemMiB().equals(b.getSocketMemMiB())) {
            changes.add("OVS-DPDK socket memory");
        }
        if (!Objects.equals(a.getLcoreCpus(), b.getLcoreCpus())) {
            changes.add("OVS-DPDK lcore CPUs");
        }
    }

    private static void nested(List<NestedVirtioConfig> before, List<NestedVirtioConfig> after, List<String> changes) {
        Map<String, String> old = new HashMap<>();
        before.forEach(p -> p.getPciAddresses().forEach(a -> old.put(a, driver(p))));
        Map<String, String> now = new HashMap<>();
        after.forEach(p -> p.getPciAddresses().forEach(a -> now.put(a, driver(p))));
        Set<String> all = new TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        for (String address : all) {
            if (!Objects.equals(old.get(address), now.get(address))) {
                changes.add("driver of " + address);
            }
        }
    }

    private static String driver(NestedVirtioConfig pool) {
        return pool.getDriver() == null ? "vfio-pci" : pool.getDriver().value();
    }

    private static Object withoutPolicy(NodeHugepagesConfig config) {
        if (config == null || (config.getDefaultSize() == null && config.getPages().isEmpty())) {
            return null;
        }
        ObjectNode tree = (ObjectNode) SpecJson.tree(config);
        tree.remove("policy");
        return tree;
    }
}
