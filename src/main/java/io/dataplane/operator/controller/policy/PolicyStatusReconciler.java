package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicyStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.EventRecorder;
import io.dataplane.operator.controller.GenerationChanged;
import io.dataplane.operator.policy.PolicySet;
import io.dataplane.operator.policy.PolicyStatusCalculator;
import io.dataplane.operator.policy.SpecJson;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    static final String POLICIES = "policies";
    /** How soon a policy looks again while the node controller's state cache is still listing. */
    static final Duration CACHE_WAIT = Duration.ofSeconds(1);

    private final PolicySetCache policySets;
    private final NodeStateCache states;
    private final EventRecorder events;

    public PolicyStatusReconciler(PolicySetCache policySets, NodeStateCache states, EventRecorder events) {
        this.policySets = policySets;
        this.states = states;
        this.events = events;
    }

    @Override
    public List<EventSource<?, NfvNodePolicy>> prepareEventSources(EventSourceContext<NfvNodePolicy> context) {
        PolicyWakeups wakeups = new PolicyWakeups();
        states.subscribe(wakeups);
        // A policy's conflicts depend on the other policies: a spec change or delete of one wakes them all,
        // and the reconcile reads the policies from this same informer, so the one that woke it is there
        // (the controller's own informer may not have it yet; a wake on that lag left a loser's Degraded
        // condition False until the next state event).
        SecondaryToPrimaryMapper<NfvNodePolicy> everyPolicy = changed -> Stream.concat(
                context.getPrimaryCache().list().map(ResourceID::fromResource), Stream.of(ResourceID.fromResource(changed)))
                .collect(Collectors.toSet());
        var policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(NfvNodePolicy.class, NfvNodePolicy.class)
                .withName(POLICIES)
                .withOnUpdateFilter(new GenerationChanged())
                .withSecondaryToPrimaryMapper(everyPolicy)
                .build(), context);
        return List.of(wakeups, policies);
    }

    @Override
    public UpdateControl<NfvNodePolicy> reconcile(NfvNodePolicy policy, Context<NfvNodePolicy> context) {
        if (!states.synced()) {
            // The states belong to the other controller's informer; a status computed before it listed
            // them all would say "no matching node" and be written for nothing.
            return UpdateControl.<NfvNodePolicy>noUpdate().rescheduleAfter(CACHE_WAIT);
        }
        var policies = (InformerEventSource<NfvNodePolicy, NfvNodePolicy>) context.eventSourceRetriever()
                .<NfvNodePolicy>getEventSourceFor(NfvNodePolicy.class, POLICIES);
        List<NfvNodePolicy> all = new ArrayList<>(policies.list().toList());
        String name = policy.getMetadata().getName();
        if (all.stream().noneMatch(p -> p.getMetadata().getName().equals(name))) {
            all.add(policy); // that informer has not seen it yet; its event comes, but after the rate limit's period
        }
        PolicySet set = policySets.get(all);
        var compiled = set.get(name);
        if (compiled.isEmpty()) {
            return UpdateControl.noUpdate(); // being deleted
        }
        NfvNodePolicyStatus previous = policy.getStatus();
        NfvNodePolicyStatus next = PolicyStatusCalculator.compute(compiled.get(), set, states.list().toList(),
                states.nodesSelectedBy(compiled.get()::selects), previous, Conditions.now());
        if (previous != null && SpecJson.sameJson(previous, next)) {
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
