package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.HugepageAllocation;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeHugepagesConfig;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.NumaNodeInventory;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Merges the policies that select a node into that node's NfvNodeState spec. A pure function of the
 * policies, the node's labels and the inventory its agent reported: no API access, so it runs from
 * informer caches and in tests without a server. The rules are in docs/policies.md; in short:
 *
 * <ul>
 *   <li>policies are considered in winning order (priority, then name);
 *   <li>a contested setting goes to the first policy that sets it, and every other policy that sets it
 *       differently gets a {@link Conflict} naming the winner, the node and the field; policies that set
 *       the same value agree and no one loses;
 *   <li>invalid parts (see {@link Problem}) are dropped before contests, so they never win.
 * </ul>
 */
public final class PolicyMerger {
    private PolicyMerger() {
    }

    /** Convenience form: compiles the policies, then merges. */
    public static NodeIntent merge(String node, Map<String, String> labels, NodeInventory inventory,
            Collection<NfvNodePolicy> policies) {
        return merge(PolicySet.of(policies), node, labels, inventory);
    }

    /** Merges every policy of {@code set} whose node selector matches {@code labels}. */
    public static NodeIntent merge(PolicySet set, String node, Map<String, String> labels, NodeInventory inventory) {
        return mergeSelected(set.selecting(labels), node, inventory);
    }

    /**
     * Merges the given policies (already selected, in winning order). Used when the selection is known from
     * the written state (NfvNodeState.spec.policies) rather than from labels.
     */
    public static NodeIntent mergeSelected(List<CompiledPolicy> selected, String node, NodeInventory inventory) {
        Merge m = new Merge(node, inventory);
        NfvNodeStateSpec spec = new NfvNodeStateSpec();
        spec.setPolicies(selected.stream().map(CompiledPolicy::name).toList());
        spec.setInterfaces(m.sriov(selected));
        spec.setHugepages(m.section(selected, CompiledPolicy::hugepages, "hugepages", "huge pages", m::hugepagesFit));
        spec.setCpu(m.section(selected, CompiledPolicy::cpu, "cpu", "CPU settings", s -> m.cpusOnline(s, "cpu")));
        spec.setOvsDpdk(m.section(selected, CompiledPolicy::ovsDpdk, "ovsDpdk", "OVS-DPDK settings",
                s -> m.cpusOnline(s, "ovsDpdk")));
        spec.setNested(m.nested(selected));
        return new NodeIntent(spec, List.copyOf(m.conflicts.values()), List.copyOf(m.problems),
                Set.copyOf(m.awaiting), List.copyOf(m.unmatched));
    }

    /** State of one merge; never shared between nodes or threads. */
    private static final class Merge {
        private final String node;
        private final NodeInventory inventory;
        // Keyed so that the same loss is reported once per node even if several pools cause it.
        private final Map<String, Conflict> conflicts = new LinkedHashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Set<String> awaiting = new LinkedHashSet<>();
        private final List<String> unmatched = new ArrayList<>();

        Merge(String node, NodeInventory inventory) {
            this.node = node;
            this.inventory = inventory;
        }

        private void conflict(String loser, String winner, String field, String detail) {
            conflicts.putIfAbsent(loser + "\u0000" + winner + "\u0000" + field,
                    new Conflict(loser, winner, node, field, detail));
        }

        // ---------------------------------------------------------------- SR-IOV

        /** A pool's claim on one PF. */
        private record Claim(CompiledPool pool, NicInventory nic, VfRange range) {
        }

        List<InterfaceConfig> sriov(List<CompiledPolicy> selected) {
            boolean anyPools = selected.stream().anyMatch(p -> !p.pools().isEmpty());
            if (!anyPools) {
                return List.of();
            }
            if (inventory == null) {
                // Without the agent's NIC list no PF can be resolved; the agent reports it first thing.
                selected.stream().filter(p -> !p.pools().isEmpty()).forEach(p -> awaiting.add(p.name()));
                return List.of();
            }
            Map<String, List<Claim>> byPf = new TreeMap<>();
            for (CompiledPolicy p : selected) {
                for (CompiledPool pool : p.pools()) {
                    boolean matched = false;
                    for (NicInventory nic : inventory.getNics()) {
                        if (nic.getPciAddress() == null) {
                            continue;
                        }
                        CompiledPool.Match match = pool.match(nic);
                        if (!match.selected()) {
                            continue;
                        }
                        if (nic.getTotalVfs() == null || nic.getTotalVfs() <= 0) {
                            if (pool.namesPfs()) {
                                matched = true; // reported below, not as "matches nothing"
                                problems.add(new Problem(p.name(), node, PolicyReasons.DEVICE_NOT_SRIOV_CAPABLE,
                                        "sriov[" + pool.name() + "].nicSelector", "pool " + pool.name() + " names "
                                                + pfLabel(nic) + " on node " + node + ", which cannot create VFs"));
                            }
                            continue;
                        }
                        matched = true;
                        if (match.invalidRange() != null) {
                            problems.add(new Problem(p.name(), node, PolicyReasons.INVALID_VF_RANGE,
                                    "sriov[" + pool.name() + "].nicSelector", "pool " + pool.name() + ": "
                                            + match.invalidRange() + " on node " + node));
                            continue;
                        }
                        if (pool.numVfs() > nic.getTotalVfs()) {
                            problems.add(new Problem(p.name(), node, PolicyReasons.NUM_VFS_EXCEED_TOTAL,
                                    "sriov[" + pool.name() + "].numVfs", "pool " + pool.name() + " wants " + pool.numVfs()
                                            + " VFs but " + pfLabel(nic) + " on node " + node + " supports "
                                            + nic.getTotalVfs()));
                            continue;
                        }
                        byPf.computeIfAbsent(nic.getPciAddress(), k -> new ArrayList<>())
                                .add(new Claim(pool, nic, match.range()));
                    }
                    if (!matched) {
                        unmatched.add(p.name() + "/" + pool.name());
                    }
                }
            }
            List<InterfaceConfig> out = new ArrayList<>(byPf.size());
            byPf.values().forEach(claims -> out.add(pf(claims)));
            return out;
        }

        /** Resolves the claims (in winning order) on one PF into its configuration. */
        private InterfaceConfig pf(List<Claim> claims) {
            NicInventory nic = claims.get(0).nic();
            String pf = nic.getName() != null ? nic.getName() : nic.getPciAddress();
            Claim first = claims.get(0);
            int numVfs = first.pool().numVfs();

            Claim mtuOwner = null;
            Claim linkOwner = null;
            for (Claim c : claims) {
                CompiledPool pool = c.pool();
                if (pool.mtu() != null) {
                    if (mtuOwner == null) {
                        mtuOwner = c;
                    } else if (!pool.mtu().equals(mtuOwner.pool().mtu())) {
                        conflict(pool.policy(), mtuOwner.pool().policy(), "sriov[" + pf + "].mtu",
                                "PF MTU " + pool.mtu() + " of pool " + pool.name() + " is not applied: " + who(mtuOwner)
                                        + " sets " + mtuOwner.pool().mtu()
                                        + (pool.mtu() < mtuOwner.pool().mtu() ? " (the pool's own VFs keep " + pool.mtu() + ")"
                                                : " (the pool's VFs are capped at " + mtuOwner.pool().mtu() + ")"));
                    }
                }
                if (pool.linkType() != null) {
                    if (linkOwner == null) {
                        linkOwner = c;
                    } else if (pool.linkType() != linkOwner.pool().linkType()) {
                        conflict(pool.policy(), linkOwner.pool().policy(), "sriov[" + pf + "].linkType",
                                "linkType " + pool.linkType().value() + " of pool " + pool.name() + " is not applied: "
                                        + who(linkOwner) + " sets " + linkOwner.pool().linkType().value());
                    }
                }
            }
            Integer pfMtu = mtuOwner == null ? null : mtuOwner.pool().mtu();

            List<VfGroupConfig> groups = new ArrayList<>();
            List<Claim> owners = new ArrayList<>();
            for (Claim c : claims) {
                CompiledPool pool = c.pool();
                VfRange range = c.range() != null ? c.range() : VfRange.all(numVfs);
                boolean fits = range != null && range.last() < numVfs;
                if (pool.numVfs() != numVfs) {
                    conflict(pool.policy(), first.pool().policy(), "sriov[" + pf + "].numVfs",
                            "numVfs " + pool.numVfs() + " of pool " + pool.name() + " is not applied: " + who(first)
                                    + " sets " + numVfs + (fits ? "" : ", so the pool gets no VFs on " + pf));
                }
                if (!fits) {
                    continue;
                }
                int clash = -1;
                for (int i = 0; i < groups.size(); i++) {
                    if (range.overlaps(new VfRange(groups.get(i).getFirst(), groups.get(i).getLast()))) {
                        clash = i;
                        break;
                    }
                }
                if (clash >= 0) {
                    VfGroupConfig held = groups.get(clash);
                    if (!sameGroup(held, pool, range)) {
                        Claim owner = owners.get(clash);
                        conflict(pool.policy(), owner.pool().policy(), "sriov[" + pf + "#" + range + "]",
                                "VFs " + range + " of pool " + pool.name() + " overlap VFs " + held.getFirst() + "-"
                                        + held.getLast() + " of " + who(owner) + ", so the pool gets no VFs on " + pf);
                    }
                    // An identical group from another policy agrees with the one already there.
                    continue;
                }
                groups.add(group(pool, range, pfMtu));
                owners.add(c);
            }
            groups.sort(Comparator.comparingInt(VfGroupConfig::getFirst));

            InterfaceConfig config = new InterfaceConfig();
            config.setPciAddress(nic.getPciAddress());
            config.setName(nic.getName());
            config.setNumVfs(numVfs);
            config.setMtu(pfMtu);
            config.setLinkType(linkOwner == null ? null : linkOwner.pool().linkType());
            config.setVfGroups(groups);
            return config;
        }

        private static String who(Claim c) {
            return "policy " + c.pool().policy() + " (pool " + c.pool().name() + ")";
        }

        private static boolean sameGroup(VfGroupConfig held, CompiledPool pool, VfRange range) {
            return held.getFirst() == range.first() && held.getLast() == range.last()
                    && held.getResourceName().equals(pool.resourceName())
                    && held.getDeviceType() == pool.deviceType() && held.getDeviceClass() == pool.deviceClass();
        }

        private static VfGroupConfig group(CompiledPool pool, VfRange range, Integer pfMtu) {
            VfGroupConfig g = new VfGroupConfig();
            g.setPolicy(pool.policy());
            g.setPool(pool.name());
            g.setResourceName(pool.resourceName());
            g.setDeviceType(pool.deviceType());
            g.setDeviceClass(pool.deviceClass());
            g.setFirst(range.first());
            g.setLast(range.last());
            // Kernel VFs get the pool's own MTU (issue #57 of the SR-IOV operator: one pool's MTU must not
            // leak into another's VFs), never above the PF's; vfio-pci VFs have no netdev to set.
            if (pool.deviceType() == DeviceType.NETDEVICE && pool.mtu() != null) {
                g.setMtu(pfMtu != null && pfMtu < pool.mtu() ? pfMtu : pool.mtu());
            }
            return g;
        }

        private static String pfLabel(NicInventory nic) {
            return nic.getName() != null ? nic.getName() + " (" + nic.getPciAddress() + ")" : nic.getPciAddress();
        }

        // ---------------------------------------------------------------- node-wide sections

        /**
         * A whole section (huge pages, CPU, OVS-DPDK) comes from one policy: the first valid one in winning
         * order. Partial merging of e.g. two huge page plans would produce a plan nobody wrote.
         */
        <T> T section(List<CompiledPolicy> selected, Function<CompiledPolicy, CompiledPolicy.Section<T>> get,
                String field, String what, Predicate<Candidate<T>> valid) {
            Candidate<T> winner = null;
            for (CompiledPolicy p : selected) {
                CompiledPolicy.Section<T> s = get.apply(p);
                if (s == null) {
                    continue;
                }
                Candidate<T> c = new Candidate<>(p.name(), s);
                if (!valid.test(c)) {
                    continue;
                }
                if (winner == null) {
                    winner = c;
                } else if (!s.tree().equals(winner.section().tree())) {
                    conflict(p.name(), winner.policy(), field, "the " + what + " of policy " + p.name()
                            + " are not applied: policy " + winner.policy() + " sets different ones");
                }
            }
            return winner == null ? null : winner.section().value();
        }

        record Candidate<T>(String policy, CompiledPolicy.Section<T> section) {
        }

        /** CPU lists must name online CPUs of this node (checked once the agent reported them). */
        boolean cpusOnline(Candidate<?> c, String field) {
            if (inventory == null || inventory.getCpus() == null || inventory.getCpus().getOnline() == null) {
                return true;
            }
            BitSet online;
            try {
                online = CpuSet.parse(inventory.getCpus().getOnline());
            } catch (IllegalArgumentException e) {
                return true; // an unreadable inventory is the agent's bug, not the policy's
            }
            String outside = CpuSet.outside(c.section().cpus(), online);
            if (outside.isEmpty()) {
                return true;
            }
            problems.add(new Problem(c.policy(), node, PolicyReasons.CPU_SET_OUTSIDE_NODE, field,
                    "CPUs " + outside + " in " + field + " are not online on node " + node + " (online: "
                            + inventory.getCpus().getOnline() + "); the section is not applied there"));
            return false;
        }

        /** Huge pages must fit the memory of their NUMA node, and all of them the node's memory. */
        boolean hugepagesFit(Candidate<NodeHugepagesConfig> c) {
            if (inventory == null || inventory.getCpus() == null || inventory.getCpus().getNumaNodes().isEmpty()) {
                return true;
            }
            Map<Integer, Long> memory = new HashMap<>();
            long total = 0;
            for (NumaNodeInventory n : inventory.getCpus().getNumaNodes()) {
                if (n.getId() != null && n.getMemoryMiB() != null) {
                    memory.put(n.getId(), n.getMemoryMiB());
                    total += n.getMemoryMiB();
                }
            }
            if (memory.isEmpty()) {
                return true;
            }
            Map<Integer, Long> wanted = new TreeMap<>();
            long wantedTotal = 0;
            for (HugepageAllocation a : c.section().value().getPages()) {
                long mib = (long) (a.getCount() == null ? 0 : a.getCount()) * sizeMiB(a);
                wantedTotal += mib;
                if (a.getNumaNode() != null) {
                    if (!memory.containsKey(a.getNumaNode())) {
                        return hugepageProblem(c, "NUMA node " + a.getNumaNode() + " does not exist on node " + node
                                + " (it has " + memory.keySet() + ")");
                    }
                    wanted.merge(a.getNumaNode(), mib, Long::sum);
                }
            }
            for (Map.Entry<Integer, Long> e : wanted.entrySet()) {
                if (e.getValue() > memory.get(e.getKey())) {
                    return hugepageProblem(c, e.getValue() + " MiB of huge pages on NUMA node " + e.getKey()
                            + " exceed its " + memory.get(e.getKey()) + " MiB on node " + node);
                }
            }
            if (wantedTotal > total) {
                return hugepageProblem(c, wantedTotal + " MiB of huge pages exceed the " + total + " MiB of node " + node);
            }
            return true;
        }

        private boolean hugepageProblem(Candidate<?> c, String message) {
            problems.add(new Problem(c.policy(), node, PolicyReasons.HUGEPAGES_EXCEED_MEMORY, "hugepages",
                    message + "; the huge pages are not applied there"));
            return false;
        }

        private static long sizeMiB(HugepageAllocation a) {
            return a.getSize() == null ? 0 : switch (a.getSize()) {
                case SIZE_2MI -> 2;
                case SIZE_1GI -> 1024;
            };
        }

        // ---------------------------------------------------------------- nested virtio

        /** Each virtio device belongs to one pool: the first in winning order; identical pools agree. */
        List<NestedVirtioConfig> nested(List<CompiledPolicy> selected) {
            Map<String, NestedVirtioConfig> owner = new HashMap<>();
            List<NestedVirtioConfig> out = new ArrayList<>();
            for (CompiledPolicy p : selected) {
                for (NestedVirtioConfig pool : p.nested()) {
                    List<String> kept = new ArrayList<>();
                    for (String address : pool.getPciAddresses()) {
                        NestedVirtioConfig held = owner.get(address);
                        if (held == null) {
                            kept.add(address);
                        } else if (!held.getResourceName().equals(pool.getResourceName())
                                || held.getDriver() != pool.getDriver()) {
                            conflict(p.name(), held.getPolicy(), "nested[" + address + "]",
                                    "device " + address + " is in resource " + held.getResourceName() + " of policy "
                                            + held.getPolicy() + ", not in " + pool.getResourceName());
                        }
                    }
                    if (kept.isEmpty()) {
                        continue;
                    }
                    NestedVirtioConfig config = pool;
                    if (kept.size() != pool.getPciAddresses().size()) {
                        config = new NestedVirtioConfig();
                        config.setPolicy(pool.getPolicy());
                        config.setResourceName(pool.getResourceName());
                        config.setDriver(pool.getDriver());
                        config.setNoIommu(pool.getNoIommu());
                        config.setPciAddresses(List.copyOf(kept));
                    }
                    for (String address : kept) {
                        owner.put(address, config);
                    }
                    out.add(config);
                }
            }
            return out;
        }
    }

}
