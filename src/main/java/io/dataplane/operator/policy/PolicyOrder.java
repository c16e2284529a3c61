package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import java.util.Comparator;

/**
 * The order in which policies win a contested setting: higher {@code priority} first (like
 * PriorityClass, not the SR-IOV operator's "lower number wins"), ties broken by name so the outcome never
 * depends on list or informer order.
 */
public final class PolicyOrder {
    public static final Comparator<NfvNodePolicy> WINNER_FIRST = Comparator
            .comparingInt(PolicyOrder::priority).reversed()
            .thenComparing(p -> p.getMetadata().getName());

    private PolicyOrder() {
    }

    public static int priority(NfvNodePolicy policy) {
        return policy.getSpec() == null || policy.getSpec().getPriority() == null ? 0 : policy.getSpec().getPriority();
    }
}
