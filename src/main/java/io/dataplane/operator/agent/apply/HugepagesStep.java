package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.HugepageAllocation;
import io.dataplane.operator.api.v1alpha1.HugepageSize;
import io.dataplane.operator.api.v1alpha1.NodeHugepagesConfig;
import io.dataplane.operator.host.HostInventoryReader;
import io.dataplane.operator.host.HostReadException;
import io.dataplane.operator.host.HostWriteException;
import io.dataplane.operator.host.HugepageAllocator;
import io.dataplane.operator.host.SysfsPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Huge pages per size and NUMA node ({@code .../node<N>/hugepages/hugepages-<kB>kB/nr_hugepages}),
 * or the global pool when no node is given. The kernel may allocate fewer than asked: both numbers
 * are reported ({@link Reasons#HUGEPAGES_PARTIALLY_ALLOCATED}). A change is disruptive (the kubelet
 * sees capacity only at start, so it is restarted) except when re-applying after a reboot.
 */
final class HugepagesStep {

    private HugepagesStep() {
    }

    /** "1Gi/0", or "2Mi/all" for the global pool: the key under which the agent owns a pool. */
    static String key(HugepageSize size, Integer node) {
        return size.value() + "/" + (node == null ? "all" : node.toString());
    }

    static void run(HostChange c, NodeHugepagesConfig config) {
        Map<String, Integer> want = new LinkedHashMap<>();
        if (config != null) {
            for (HugepageAllocation a : config.getPages()) {
                if (a.getSize() != null && a.getCount() != null) {
                    want.put(key(a.getSize(), a.getNumaNode()), a.getCount());
                }
            }
        }
        want.forEach((k, count) -> set(c, k, count, false));
        for (String k : new ArrayList<>(c.owned.hugepages.keySet())) {
            if (!want.containsKey(k)) {
                Integer original = c.owned.hugepages.get(k);
                if (set(c, k, original == null ? 0 : original, true) && c.applying()) {
                    c.owned.hugepages.remove(k);
                    c.save();
                }
            }
        }
    }

    /** Returns true when the pool has the count afterwards. */
    private static boolean set(HostChange c, String key, int count, boolean revert) {
        String[] parts = key.split("/");
        HugepageSize size = HugepageSize.SIZE_2MI.value().equals(parts[0]) ? HugepageSize.SIZE_2MI : HugepageSize.SIZE_1GI;
        Integer node = parts[1].equals("all") ? null : Integer.valueOf(parts[1]);
        long kb = HostInventoryReader.sizeKb(size);
        String path = node == null ? SysfsPaths.globalHugepages(kb, "nr_hugepages") : SysfsPaths.nodeHugepages(node, kb, "nr_hugepages");
        String where = size.value() + (node == null ? "" : " on NUMA node " + node);
        int have;
        try {
            have = c.fs.readInt(path);
        } catch (HostReadException e) {
            if (revert) {
                return true; // the pool no longer exists: nothing to give back
            }
            c.problem(Reasons.HUGEPAGES_FAILED, "no " + where + " huge page pool on this host (" + path + ")");
            return false;
        }
        if (have == count) {
            return true;
        }
        String change = "huge pages " + where + " " + have + " -> " + count + (revert ? " (no longer wanted)" : "");
        if (!c.proceed(!c.rebootReapply, change)) {
            return false;
        }
        if (!revert) {
            OwnedState.remember(c.owned.hugepages, key, have);
            c.save();
        }
        c.restartReasons.putIfAbsent(HostCommands.KUBELET, "huge pages changed: the kubelet reads their capacity at start");
        if (node != null) {
            HugepageAllocator.Result r = new HugepageAllocator(c.fs).allocate(size, node, count);
            switch (r.outcome()) {
                case APPLIED, UNCHANGED -> {
                    c.changed(change);
                    return true;
                }
                case PARTIAL -> {
                    c.problem(Reasons.HUGEPAGES_PARTIALLY_ALLOCATED, where + ": " + count + " requested, " + r.allocated()
                            + " allocated" + (count > have ? " (memory short or fragmented)" : " (pages in use are not freed)"));
                    return false;
                }
                default -> {
                    c.problem(Reasons.HUGEPAGES_FAILED, where + ": " + r.message());
                    return false;
                }
            }
        }
        try {
            c.fs.write(path, Integer.toString(count));
        } catch (HostWriteException e) {
            c.problem(Reasons.HUGEPAGES_FAILED, where + ": " + e.getMessage());
            return false;
        }
        int after = c.fs.readInt(path);
        if (after != count) {
            c.problem(Reasons.HUGEPAGES_PARTIALLY_ALLOCATED, where + ": " + count + " requested, " + after + " allocated");
            return false;
        }
        c.changed(change);
        return true;
    }
}
