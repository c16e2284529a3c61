package io.dataplane.operator.install;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One RBAC permission: a verb on a resource (with its subresource, e.g. {@code nfvnetworks/status}) of an API group. */
record Permission(String verb, String group, String resource) implements Comparable<Permission> {
    private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::group)
            .thenComparing(Permission::resource).thenComparing(Permission::verb);

    /** Every (verb, group, resource) a list of rules grants; resourceNames narrow a rule but not its tuples. */
    static Set<Permission> of(List<PolicyRule> rules) {
        Set<Permission> out = new TreeSet<>();
        for (PolicyRule r : rules) {
            for (String g : r.getApiGroups()) {
                for (String res : r.getResources()) {
                    for (String v : r.getVerbs()) {
                        out.add(new Permission(v, g, res));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public int compareTo(Permission o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
    }
}
