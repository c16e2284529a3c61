package io.dataplane.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplane.operator.api.v1alpha1.CpuSpec;
import io.dataplane.operator.api.v1alpha1.DeviceClass;
import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.HugepageAllocation;
import io.dataplane.operator.api.v1alpha1.HugepagesSpec;
import io.dataplane.operator.api.v1alpha1.NestedDriver;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioPool;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicySpec;
import io.dataplane.operator.api.v1alpha1.NicSelector;
import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import io.dataplane.operator.api.v1alpha1.NodeHugepagesConfig;
import io.dataplane.operator.api.v1alpha1.NodeOvsDpdkConfig;
import io.dataplane.operator.api.v1alpha1.OvsDpdkSpec;
import io.dataplane.operator.api.v1alpha1.SriovPool;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One policy checked and pre-digested once, so that merging it into a thousand nodes does no parsing: the
 * node selector as a predicate, pools with defaults and parsed ranges, and each node-wide section (huge
 * pages, CPU, OVS-DPDK) both as the NfvNodeState section it becomes and as a JSON tree for the "do two
 * policies say the same thing" test. Invalid parts are dropped here and reported as {@link Problem}s.
 */
public final class CompiledPolicy {
    private final NfvNodePolicy policy;
    private final String name;
    private final int priority;
    private final Predicate<Map<String, String>> selector;
    private final List<CompiledPool> pools;
    private final Section<NodeHugepagesConfig> hugepages;
    private final Section<NodeCpuConfig> cpu;
    private final Section<NodeOvsDpdkConfig> ovsDpdk;
    private final List<NestedVirtioConfig> nested;
    private final List<Problem> problems;

    /** A node-wide section: the value written to NfvNodeState and its JSON without the policy name. */
    record Section<T>(T value, JsonNode tree, BitSet cpus) {
    }

    private CompiledPolicy(NfvNodePolicy policy, Predicate<Map<String, String>> selector, List<CompiledPool> pools,
            Section<NodeHugepagesConfig> hugepages, Section<NodeCpuConfig> cpu, Section<NodeOvsDpdkConfig> ovsDpdk,
            List<NestedVirtioConfig> nested, List<Problem> problems) {
        this.policy = policy;
        this.name = policy.getMetadata().getName();
        this.priority = PolicyOrder.priority(policy);
        this.selector = selector;
        this.pools = pools;
        this.hugepages = hugepages;
        this.cpu = cpu;
        this.ovsDpdk = ovsDpdk;
        this.nested = nested;
        this.problems = problems;
    }

    public static CompiledPolicy compile(NfvNodePolicy policy) {
        String name = policy.getMetadata().getName();
        NfvNodePolicySpec spec = policy.getSpec() == null ? new NfvNodePolicySpec() : policy.getSpec();
        List<Problem> problems = new ArrayList<>();
        Predicate<Map<String, String>> selector;
        try {
            selector = LabelSelectors.compile(spec.getNodeSelector());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(name, null, PolicyReasons.INVALID_SPEC, "nodeSelector",
                    "nodeSelector is invalid (" + e.getMessage() + "): the policy selects no node"));
            selector = labels -> false;
        }
        List<CompiledPool> pools = new ArrayList<>();
        for (SriovPool pool : spec.getSriov()) {
            CompiledPool compiled = pool(name, pool, problems);
            if (compiled != null) {
                pools.add(compiled);
            }
        }
        return new CompiledPolicy(policy, selector, List.copyOf(pools), hugepages(name, spec.getHugepages()),
                cpu(name, spec.getCpu(), problems), ovsDpdk(name, spec.getOvsDpdk(), problems),
                nested(name, spec), problems);
    }

    /** Same policy with some pools removed (the resourceName check runs across policies, after compiling). */
    CompiledPolicy withPools(List<CompiledPool> kept, List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new CompiledPolicy(policy, selector, List.copyOf(kept), hugepages, cpu, ovsDpdk, nested, all);
    }

    CompiledPolicy withNested(List<NestedVirtioConfig> kept, List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new CompiledPolicy(policy, selector, pools, hugepages, cpu, ovsDpdk, List.copyOf(kept), all);
    }

    private static CompiledPool pool(String policy, SriovPool pool, List<Problem> problems) {
        String field = "sriov[" + pool.getName() + "]";
        NicSelector nic = pool.getNicSelector();
        if (pool.getNumVfs() == null || nic == null || pool.getResourceName() == null) {
            problems.add(new Problem(policy, null, PolicyReasons.INVALID_SPEC, field,
                    "pool " + pool.getName() + " needs resourceName, nicSelector and numVfs"));
            return null;
        }
        if (nic.getNetFilter() != null && !nic.getNetFilter().isBlank()) {
            problems.add(new Problem(policy, null, PolicyReasons.NET_FILTER_UNSUPPORTED, field + ".nicSelector.netFilter",
                    "pool " + pool.getName() + " selects by netFilter, which needs cloud network metadata the node "
                            + "inventory does not report yet; select by pfNames or rootDevices instead"));
            return null;
        }
        if (nic.getVendor() == null && nic.getDeviceID() == null && nic.getPfNames().isEmpty()
                && nic.getRootDevices().isEmpty()) {
            problems.add(new Problem(policy, null, PolicyReasons.INVALID_SPEC, field + ".nicSelector",
                    "pool " + pool.getName() + " would take every SR-IOV device of the node (including the one "
                            + "carrying the node's own traffic): give vendor, deviceID, pfNames or rootDevices"));
            return null;
        }
        List<PfRef> names = new ArrayList<>();
        List<PfRef> roots = new ArrayList<>();
        try {
            nic.getPfNames().forEach(p -> names.add(PfRef.parse(p, false)));
            nic.getRootDevices().forEach(p -> roots.add(PfRef.parse(p, true)));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(policy, null, PolicyReasons.INVALID_VF_RANGE, field + ".nicSelector", e.getMessage()));
            return null;
        }
        int numVfs = pool.getNumVfs();
        for (PfRef ref : concat(names, roots)) {
            if (ref.range() != null && ref.range().last() >= numVfs) {
                problems.add(new Problem(policy, null, PolicyReasons.INVALID_VF_RANGE, field + ".nicSelector",
                        "pool " + pool.getName() + " uses VFs " + ref.range() + " of " + ref.key()
                                + " but creates only numVfs " + numVfs + " (VF indexes 0-" + (numVfs - 1) + ")"));
                return null;
            }
        }
        return new CompiledPool(policy, pool.getName(), pool.getResourceName(), numVfs, pool.getMtu(),
                pool.getDeviceType() == null ? DeviceType.NETDEVICE : pool.getDeviceType(),
                pool.getDeviceClass() == null ? DeviceClass.NETWORK : pool.getDeviceClass(),
                pool.getLinkType(), nic.getVendor(), nic.getDeviceID(), List.copyOf(names), List.copyOf(roots));
    }

    private static Section<NodeHugepagesConfig> hugepages(String policy, HugepagesSpec spec) {
        if (spec == null || (spec.getDefaultSize() == null && spec.getPages().isEmpty())) {
            return null;
        }
        NodeHugepagesConfig config = new NodeHugepagesConfig();
        config.setDefaultSize(spec.getDefaultSize());
        List<HugepageAllocation> pages = new ArrayList<>();
        for (HugepageAllocation a : spec.getPages()) {
            HugepageAllocation copy = new HugepageAllocation();
            copy.setSize(a.getSize());
            copy.setCount(a.getCount());
            copy.setNumaNode(a.getNumaNode());
            pages.add(copy);
        }
        // Order does not change meaning; sorting makes "same huge pages" a plain equality.
        pages.sort(Comparator.comparing((HugepageAllocation a) -> a.getSize() == null ? "" : a.getSize().value())
                .thenComparing(a -> a.getNumaNode() == null ? -1 : a.getNumaNode()));
        config.setPages(pages);
        JsonNode tree = SpecJson.tree(config);
        config.setPolicy(policy);
        return new Section<>(config, tree, null);
    }

    private static Section<NodeCpuConfig> cpu(String policy, CpuSpec spec, List<Problem> problems) {
        if (spec == null || (spec.getReserved() == null && spec.getIsolated() == null && spec.getManagerPolicy() == null
                && spec.getManagerPolicyOptions().isEmpty() && spec.getTopologyManagerPolicy() == null
                && spec.getTopologyManagerScope() == null)) {
            return null;
        }
        BitSet cpus;
        try {
            cpus = CpuSet.parse(spec.getReserved());
            cpus.or(CpuSet.parse(spec.getIsolated()));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(policy, null, PolicyReasons.INVALID_SPEC, "cpu", e.getMessage()));
            return null;
        }
        NodeCpuConfig config = new NodeCpuConfig();
        config.setReserved(spec.getReserved());
        config.setIsolated(spec.getIsolated());
        config.setManagerPolicy(spec.getManagerPolicy());
        config.setManagerPolicyOptions(spec.getManagerPolicyOptions().stream().distinct().sorted().toList());
        config.setTopologyManagerPolicy(spec.getTopologyManagerPolicy());
        config.setTopologyManagerScope(spec.getTopologyManagerScope());
        JsonNode tree = SpecJson.tree(config);
        config.setPolicy(policy);
        return new Section<>(config, tree, cpus);
    }

    private static Section<NodeOvsDpdkConfig> ovsDpdk(String policy, OvsDpdkSpec spec, List<Problem> problems) {
        if (spec == null || (spec.getSocketMemMiB().isEmpty() && spec.getLcoreCpus() == null
                && spec.getPmdCpus() == null && spec.getBridges().isEmpty())) {
            return null;
        }
        BitSet cpus;
        try {
            cpus = CpuSet.parse(spec.getLcoreCpus());
            cpus.or(CpuSet.parse(spec.getPmdCpus()));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(policy, null, PolicyReasons.INVALID_SPEC, "ovsDpdk", e.getMessage()));
            return null;
        }
        NodeOvsDpdkConfig config = new NodeOvsDpdkConfig();
        config.setSocketMemMiB(List.copyOf(spec.getSocketMemMiB()));
        config.setLcoreCpus(spec.getLcoreCpus());
        config.setPmdCpus(spec.getPmdCpus());
        config.setBridges(List.copyOf(spec.getBridges()));
        JsonNode tree = SpecJson.tree(config);
        config.setPolicy(policy);
        return new Section<>(config, tree, cpus);
    }

    private static List<NestedVirtioConfig> nested(String policy, NfvNodePolicySpec spec) {
        if (spec.getNested() == null) {
            return List.of();
        }
        List<NestedVirtioConfig> out = new ArrayList<>();
        for (NestedVirtioPool pool : spec.getNested().getVirtio()) {
            NestedVirtioConfig config = new NestedVirtioConfig();
            config.setPolicy(policy);
            config.setResourceName(pool.getResourceName());
            config.setDriver(pool.getDriver() == null ? NestedDriver.VFIO_PCI : pool.getDriver());
            config.setNoIommu(Boolean.TRUE.equals(pool.getNoIommu()) ? Boolean.TRUE : null);
            config.setPciAddresses(pool.getPciAddresses().stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList());
            out.add(config);
        }
        return List.copyOf(out);
    }

    private static List<PfRef> concat(List<PfRef> a, List<PfRef> b) {
        List<PfRef> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public NfvNodePolicy policy() {
        return policy;
    }

    public String name() {
        return name;
    }

    public int priority() {
        return priority;
    }

    public boolean selects(Map<String, String> labels) {
        return selector.test(labels);
    }

    public List<CompiledPool> pools() {
        return pools;
    }

    Section<NodeHugepagesConfig> hugepages() {
        return hugepages;
    }

    Section<NodeCpuConfig> cpu() {
        return cpu;
    }

    Section<NodeOvsDpdkConfig> ovsDpdk() {
        return ovsDpdk;
    }

    public List<NestedVirtioConfig> nested() {
        return nested;
    }

    /** Problems found without looking at any node. */
    public List<Problem> problems() {
        return problems;
    }

    /** maxUnavailable as written (null means the default of one node). */
    public IntOrString maxUnavailable() {
        return policy.getSpec() == null ? null : policy.getSpec().getMaxUnavailable();
    }

    /** The policy's generation, for status. */
    public Long generation() {
        return policy.getMetadata().getGeneration();
    }
}
