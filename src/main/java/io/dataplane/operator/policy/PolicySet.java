package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All policies of the cluster, compiled and in winning order, with the checks that span policies done once
 * (a resourceName must mean the same kind of device everywhere). Immutable: build a new one when a policy
 * changes.
 */
public final class PolicySet {
    private final List<CompiledPolicy> ordered;
    private final Map<String, CompiledPolicy> byName;

    private PolicySet(List<CompiledPolicy> ordered) {
        this.ordered = ordered;
        this.byName = new HashMap<>();
        ordered.forEach(p -> byName.put(p.name(), p));
    }

    public static PolicySet of(Collection<NfvNodePolicy> policies) {
        List<NfvNodePolicy> sorted = new ArrayList<>(policies);
        sorted.sort(PolicyOrder.WINNER_FIRST);
        List<CompiledPolicy> compiled = new ArrayList<>(sorted.size());
        for (NfvNodePolicy p : sorted) {
            compiled.add(CompiledPolicy.compile(p));
        }
        return new PolicySet(checkResourceNames(compiled));
    }

    /**
     * A resourceName is one device plugin resource, and NfvNetworks refer to it by name: if one policy makes
     * it vfio-pci VFs and another kernel VFs, pods would get either depending on the node. The first user in
     * winning order defines the kind; later pools that disagree are not applied anywhere.
     */
    private static List<CompiledPolicy> checkResourceNames(List<CompiledPolicy> compiled) {
        record Owner(String policy, String pool, String kind) {
        }
        Map<String, Owner> owners = new LinkedHashMap<>();
        List<CompiledPolicy> out = new ArrayList<>(compiled.size());
        for (CompiledPolicy p : compiled) {
            List<Problem> problems = new ArrayList<>();
            List<CompiledPool> kept = new ArrayList<>();
            for (CompiledPool pool : p.pools()) {
                Owner owner = owners.putIfAbsent(pool.resourceName(), new Owner(p.name(), pool.name(), pool.kind()));
                if (owner == null || owner.kind().equals(pool.kind())) {
                    kept.add(pool);
                } else {
                    problems.add(resourceClash(p.name(), "sriov[" + pool.name() + "].resourceName", pool.resourceName(),
                            pool.kind(), owner.policy(), owner.pool(), owner.kind()));
                }
            }
            CompiledPolicy checked = problems.isEmpty() ? p : p.withPools(kept, problems);
            List<Problem> nestedProblems = new ArrayList<>();
            List<NestedVirtioConfig> keptNested = new ArrayList<>();
            String nestedKind = "nested virtio pool bound to vfio-pci";
            for (int i = 0; i < checked.nested().size(); i++) {
                NestedVirtioConfig pool = checked.nested().get(i);
                String poolName = "nested.virtio[" + i + "]";
                Owner owner = owners.putIfAbsent(pool.getResourceName(), new Owner(p.name(), poolName, nestedKind));
                if (owner == null || owner.kind().equals(nestedKind)) {
                    keptNested.add(pool);
                } else {
                    nestedProblems.add(resourceClash(p.name(), poolName + ".resourceName", pool.getResourceName(),
                            nestedKind, owner.policy(), owner.pool(), owner.kind()));
                }
            }
            out.add(nestedProblems.isEmpty() ? checked : checked.withNested(keptNested, nestedProblems));
        }
        return List.copyOf(out);
    }

    private static Problem resourceClash(String policy, String field, String resourceName, String kind,
            String ownerPolicy, String ownerPool, String ownerKind) {
        return new Problem(policy, null, PolicyReasons.RESOURCE_NAME_CONFLICT, field,
                "resourceName " + resourceName + " is a " + ownerKind + " in policy " + ownerPolicy + " (" + ownerPool
                        + "); here it would be a " + kind + ", so this pool is not applied: use another resourceName");
    }

    /** Policies in winning order: higher priority first, then name. */
    public List<CompiledPolicy> ordered() {
        return ordered;
    }

    public Optional<CompiledPolicy> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Policies whose selector matches these labels, in winning order. */
    public List<CompiledPolicy> selecting(Map<String, String> labels) {
        List<CompiledPolicy> out = new ArrayList<>();
        for (CompiledPolicy p : ordered) {
            if (p.selects(labels)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The named policies that still exist, in winning order (the order of {@code names} is ignored). */
    public List<CompiledPolicy> named(Collection<String> names) {
        List<CompiledPolicy> out = new ArrayList<>();
        for (CompiledPolicy p : ordered) {
            if (names.contains(p.name())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Problems found without looking at any node, for every policy. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>();
        ordered.forEach(p -> all.addAll(p.problems()));
        return all;
    }
}
