package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.policy.NodeStates;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events for the policy status controller from the shared NfvNodeState cache: a state wakes the policies
 * it lists now and those it listed when last seen, so that a node that stopped matching still updates
 * the policy it left (the cache only hands over the new object).
 */
class PolicyWakeups extends AbstractEventSource<NfvNodeState, NfvNodePolicy> implements NodeStateCache.Listener {
    private final Map<String, List<String>> lastListed = new ConcurrentHashMap<>();

    PolicyWakeups() {
        super(NfvNodeState.class, "policy-wakeups");
    }

    @Override
    public void changed(NfvNodeState state) {
        List<String> now = NodeStates.policies(state);
        Set<String> policies = new HashSet<>(now);
        List<String> before = lastListed.put(state.getMetadata().getName(), List.copyOf(now));
        if (before != null) {
            policies.addAll(before);
        }
        wake(policies);
    }

    @Override
    public void deleted(NfvNodeState state) {
        Set<String> policies = new HashSet<>(NodeStates.policies(state));
        List<String> before = lastListed.remove(state.getMetadata().getName());
        if (before != null) {
            policies.addAll(before);
        }
        wake(policies);
    }

    private void wake(Set<String> policies) {
        if (!isRunning()) {
            return; // before start: the first reconcile of every policy comes anyway
        }
        policies.forEach(p -> getEventHandler().handleEvent(new Event(new ResourceID(p))));
    }

    @Override
    public Set<NfvNodeState> getSecondaryResources(NfvNodePolicy policy) {
        return Set.of(); // the controller reads the shared cache
    }
}
