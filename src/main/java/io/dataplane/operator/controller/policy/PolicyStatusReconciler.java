package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicyStatus;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.EventRecorder;
import io.dataplane.operator.controller.TrimmedCaches;
import io.dataplane.operator.policy.NodeStates;
import io.dataplane.operator.policy.PolicySet;
import io.dataplane.operator.policy.PolicyStatusCalculator;
import io.dataplane.operator.policy.SpecJson;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * NfvNodePolicy status — matched and ready nodes, conflicts, Ready/Progressing/Degraded — computed from
 * the cached NfvNodeStates (which the node reconciler writes) and written only when it changed.
 *
 * <p>Rate limited: during a rollout every state event wakes each policy the state lists, and each pass
 * looks at every matched node, so unlimited the status counted nodes one by one (378 patches of 5
 * policies at 100 nodes). At most one pass per policy every two seconds still shows progress; JOSDK
 * runs the deferred pass when the period ends, so the last event is never lost.
 */
@ControllerConfiguration(name = PolicyStatusReconciler.NAME)
@RateLimited(maxReconciliations = 1, within = 2, unit = TimeUnit.SECONDS)
public class PolicyStatusReconciler implements Reconciler<NfvNodePolicy> {
    public static final String NAME = "nfvnodepolicy-status";
    static final String STATES = "policy-states";

    private final PolicySetCache policySets;
    private final EventRecorder events;
    /**
     * Policies each state listed when last seen, so that a state dropping a policy (the node stopped
     * matching) still wakes that policy: the mapper only gets the new object. Informer events of one event
     * source arrive on one thread, so updates per state are in order.
     */
    private final Map<String, List<String>> lastListed = new ConcurrentHashMap<>();

    public PolicyStatusReconciler(PolicySetCache policySets, EventRecorder events) {
        this.policySets = policySets;
        this.events = events;
    }

    @Override
    public List<EventSource<?, NfvNodePolicy>> prepareEventSources(EventSourceContext<NfvNodePolicy> context) {
        SecondaryToPrimaryMapper<NfvNodeState> stateToPolicies = state -> {
            Set<ResourceID> ids = new HashSet<>();
            List<String> now = NodeStates.policies(state);
            now.forEach(p -> ids.add(new ResourceID(p)));
            List<String> before = lastListed.put(state.getMetadata().getName(), List.copyOf(now));
            if (before != null) {
                before.forEach(p -> ids.add(new ResourceID(p)));
            }
            return ids;
        };
        // A primary-to-secondary mapper makes JOSDK skip its own index, which would call the (stateful)
        // mapper above a second time per event; the reconciler reads the cache directly anyway.
        PrimaryToSecondaryMapper<NfvNodePolicy> policyToStates = policy -> lastListed.entrySet().stream()
                .filter(e -> e.getValue().contains(policy.getMetadata().getName()))
                .map(e -> new ResourceID(e.getKey())).collect(Collectors.toSet());
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration
                .from(NfvNodeState.class, NfvNodePolicy.class)
                .withName(STATES)
                .withItemStore(TrimmedCaches.withoutManagedFields())
                .withSecondaryToPrimaryMapper(stateToPolicies)
                .withPrimaryToSecondaryMapper(policyToStates)
                .withOnDeleteFilter((state, unknown) -> {
                    // A deleted state wakes the policies it listed last; then it is forgotten.
                    lastListed.remove(state.getMetadata().getName());
                    return true;
                })
                .build(), context));
    }

    @Override
    @SuppressWarnings("unchecked")
    public UpdateControl<NfvNodePolicy> reconcile(NfvNodePolicy policy, Context<NfvNodePolicy> context) {
        var states = (InformerEventSource<NfvNodeState, NfvNodePolicy>) context.eventSourceRetriever()
                .getEventSourceFor(NfvNodeState.class, STATES);
        PolicySet set = policySets.get(context.getPrimaryCache().list().toList());
        var compiled = set.get(policy.getMetadata().getName());
        if (compiled.isEmpty()) {
            return UpdateControl.noUpdate(); // being deleted
        }
        NfvNodePolicyStatus previous = policy.getStatus();
        NfvNodePolicyStatus next = PolicyStatusCalculator.compute(compiled.get(), set, states.list().toList(),
                previous, Conditions.now());
        if (previous != null && SpecJson.tree(previous).equals(SpecJson.tree(next))) {
            return UpdateControl.noUpdate();
        }
        announceDegradation(policy, previous, next);
        policy.setStatus(next);
        return UpdateControl.patchStatus(policy);
    }

    /** A Warning event when the policy becomes degraded or the reason changes, for kubectl describe. */
    private void announceDegradation(NfvNodePolicy policy, NfvNodePolicyStatus previous, NfvNodePolicyStatus next) {
        var now = Conditions.find(next.getConditions(), Conditions.DEGRADED);
        if (now.isEmpty() || !Conditions.TRUE.equals(now.get().getStatus())) {
            return;
        }
        String before = previous == null ? null : Conditions.find(previous.getConditions(), Conditions.DEGRADED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus())).map(c -> c.getReason()).orElse(null);
        if (!now.get().getReason().equals(before)) {
            events.warning(policy, now.get().getReason(), now.get().getMessage());
        }
    }
}
