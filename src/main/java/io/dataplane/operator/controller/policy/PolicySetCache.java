package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.policy.PolicySet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The compiled policies for the cached policy objects, rebuilt only when a policy changed: a thousand
 * node reconciles after one policy edit compile once, not a thousand times.
 */
@ApplicationScoped
public class PolicySetCache {
    private record Entry(List<String> key, PolicySet set) {
    }

    private volatile Entry last;

    public PolicySet get(Collection<NfvNodePolicy> policies) {
        List<String> key = new ArrayList<>(policies.size());
        for (NfvNodePolicy p : policies) {
            key.add(p.getMetadata().getName() + "@" + p.getMetadata().getUid() + "@" + p.getMetadata().getResourceVersion());
        }
        key.sort(null);
        Entry e = last;
        if (e != null && e.key().equals(key)) {
            return e.set();
        }
        PolicySet set = PolicySet.of(policies);
        last = new Entry(key, set);
        return set;
    }
}
