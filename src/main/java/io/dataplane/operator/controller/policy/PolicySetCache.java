package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.policy.PolicySet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The compiled policies for the cached policy objects, rebuilt only when a policy changed: a thousand
 * node reconciles after one policy edit compile once, not a thousand times. It also knows when a policy
 * was last added, edited or deleted (a generation, not a status update), so node intents can wait for a
 * burst of edits to settle ({@link #unsettledFor}).
 */
@ApplicationScoped
public class PolicySetCache {
    private record Entry(List<String> key, List<String> specKey, PolicySet set, long specChangedAt) {
    }

    private volatile Entry last;

    public PolicySet get(Collection<NfvNodePolicy> policies) {
        List<String> key = new ArrayList<>(policies.size());
        List<String> specKey = new ArrayList<>(policies.size());
        for (NfvNodePolicy p : policies) {
            String id = p.getMetadata().getName() + "@" + p.getMetadata().getUid();
            key.add(id + "@" + p.getMetadata().getResourceVersion());
            specKey.add(id + "@" + p.getMetadata().getGeneration());
        }
        key.sort(null);
        Entry e = last;
        if (e != null && e.key().equals(key)) {
            return e.set();
        }
        specKey.sort(null);
        long changedAt = e != null && e.specKey().equals(specKey) ? e.specChangedAt() : System.nanoTime();
        PolicySet set = PolicySet.of(policies);
        last = new Entry(key, specKey, set, changedAt);
        return set;
    }

    /**
     * How much of {@code settle} is left since a policy was last added, edited or deleted, as the
     * policies last passed to {@link #get} show it; zero once that is longer ago.
     */
    public Duration unsettledFor(Duration settle) {
        Entry e = last;
        long left = e == null ? 0 : settle.toNanos() - (System.nanoTime() - e.specChangedAt());
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
