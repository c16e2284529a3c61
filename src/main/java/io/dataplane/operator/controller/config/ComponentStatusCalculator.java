package io.dataplane.operator.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplane.operator.api.v1alpha1.ComponentStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.render.components.Component;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NfvOperatorConfig status from what the DaemonSet controller reports. Pure: the caller passes the
 * previous status and the time, and gets a status that equals the previous one when nothing changed
 * (lastTransitionTime included), so an unchanged rollout is never written.
 *
 * <p>Per component: {@code Available} — the component serves every node it should, except at most the
 * one node a rolling update may take down ({@code maxUnavailable: 1}); {@code Progressing} — pods are
 * still being created, updated or becoming ready, with how many nodes are awaited; {@code Degraded} — the
 * operator could not render or write the component. Top level: {@code <Component>Ready} per enabled
 * component, and the aggregates {@code Ready}, {@code Progressing} and {@code Degraded}.
 */
public final class ComponentStatusCalculator {
    public static final String REASON_AS_EXPECTED = "AsExpected";
    public static final String REASON_DEPLOYING = "Deploying";
    public static final String REASON_ROLLING_OUT = "RollingOut";
    public static final String REASON_AWAITING_NODES = "AwaitingNodes";
    public static final String REASON_NO_NODES = "NoNodes";
    public static final String REASON_FAILED_TO_RENDER = "FailedToRender";
    public static final String REASON_FAILED_TO_APPLY = "FailedToApply";
    public static final String REASON_ALL_READY = "AllComponentsReady";
    public static final String REASON_NOT_READY = "ComponentsNotReady";

    /** Nodes a rolling update of our DaemonSets may have without an available pod (their maxUnavailable). */
    static final int MAX_UNAVAILABLE = 1;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * What the reconciler observed for one component.
     *
     * @param daemonSet the cached DaemonSet, null when it does not exist (yet)
     * @param failureReason {@link #REASON_FAILED_TO_RENDER} or {@link #REASON_FAILED_TO_APPLY}, null when none
     */
    public record Observed(Component component, boolean enabled, String image, DaemonSet daemonSet,
            String failureReason, String failureMessage) {

        public static Observed disabled(Component component) {
            return new Observed(component, false, null, null, null, null);
        }
    }

    private ComponentStatusCalculator() {
    }

    public static NfvOperatorConfigStatus status(List<Observed> observed, NfvOperatorConfigStatus previous,
            Long generation, String now) {
        NfvOperatorConfigStatus old = previous == null ? new NfvOperatorConfigStatus() : previous;
        Map<String, ComponentStatus> oldComponents = old.getComponents().stream()
                .collect(Collectors.toMap(ComponentStatus::getName, c -> c, (a, b) -> a));
        List<ComponentStatus> components = new ArrayList<>();
        for (Observed o : observed) {
            components.add(component(o, oldComponents.get(o.component().id()), generation, now));
        }
        NfvOperatorConfigStatus next = new NfvOperatorConfigStatus();
        next.setObservedGeneration(generation);
        next.setComponents(components);
        next.setConditions(aggregate(observed, components, old.getConditions(), generation, now));
        return next;
    }

    static ComponentStatus component(Observed o, ComponentStatus previous, Long generation, String now) {
        ComponentStatus s = new ComponentStatus();
        s.setName(o.component().id());
        s.setEnabled(o.enabled());
        if (!o.enabled()) {
            // Switched off: nothing to report unless its objects could not be removed.
            if (o.failureReason() != null) {
                s.setConditions(Conditions.set(previous == null ? List.of() : previous.getConditions(),
                        Conditions.DEGRADED, Conditions.TRUE, o.failureReason(), o.failureMessage(), generation, now));
            }
            return s;
        }
        s.setImage(o.image());
        DaemonSet ds = o.daemonSet();
        DaemonSetStatus st = ds == null || ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        int desired = n(st.getDesiredNumberScheduled());
        int updated = n(st.getUpdatedNumberScheduled());
        int ready = n(st.getNumberReady());
        int available = n(st.getNumberAvailable());
        s.setDesiredNodes(desired);
        s.setReadyNodes(ready);
        s.setUpdatedNodes(updated);

        String name = o.component().objectName();
        boolean exists = ds != null;
        // The API server answers a new DaemonSet with zero counts but no observedGeneration: not yet processed.
        boolean processed = exists && ds.getStatus() != null && ds.getStatus().getObservedGeneration() != null;
        boolean observedSpec = processed && (ds.getMetadata().getGeneration() == null
                || ds.getStatus().getObservedGeneration() >= ds.getMetadata().getGeneration());
        int awaiting = desired - Math.min(updated, available);
        String counts = "DaemonSet " + name + " awaiting " + awaiting + " of " + desired + " nodes ("
                + updated + " updated, " + ready + " ready)";

        List<Condition> conditions = previous == null ? List.of() : previous.getConditions();
        // Available
        if (!exists) {
            conditions = Conditions.set(conditions, Conditions.AVAILABLE, Conditions.FALSE, REASON_DEPLOYING,
                    "DaemonSet " + name + " does not exist yet", generation, now);
        } else if (!processed) {
            conditions = Conditions.set(conditions, Conditions.AVAILABLE, Conditions.FALSE, REASON_DEPLOYING,
                    "DaemonSet " + name + " has not been processed by the DaemonSet controller yet", generation, now);
        } else if (desired == 0) {
            conditions = Conditions.set(conditions, Conditions.AVAILABLE, Conditions.TRUE, REASON_NO_NODES,
                    "DaemonSet " + name + " matches no node: check the component's nodeSelector and tolerations",
                    generation, now);
        } else if (available > 0 && available >= desired - MAX_UNAVAILABLE) {
            conditions = Conditions.set(conditions, Conditions.AVAILABLE, Conditions.TRUE, REASON_AS_EXPECTED,
                    "DaemonSet " + name + " available on " + available + " of " + desired + " nodes", generation, now);
        } else {
            conditions = Conditions.set(conditions, Conditions.AVAILABLE, Conditions.FALSE, REASON_AWAITING_NODES,
                    counts, generation, now);
        }
        // Progressing
        if (!exists || !observedSpec) {
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.TRUE,
                    exists ? REASON_ROLLING_OUT : REASON_DEPLOYING,
                    exists ? "DaemonSet " + name + ": waiting for the DaemonSet controller to see the new version"
                            : "creating DaemonSet " + name,
                    generation, now);
        } else if (updated < desired) {
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.TRUE, REASON_ROLLING_OUT,
                    counts, generation, now);
        } else if (available < desired || ready < desired) {
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.TRUE, REASON_AWAITING_NODES,
                    counts, generation, now);
        } else {
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.FALSE, REASON_AS_EXPECTED,
                    "DaemonSet " + name + " is up to date on " + desired + " nodes", generation, now);
        }
        // Degraded
        if (o.failureReason() != null) {
            conditions = Conditions.set(conditions, Conditions.DEGRADED, Conditions.TRUE, o.failureReason(),
                    o.failureMessage(), generation, now);
        } else {
            conditions = Conditions.set(conditions, Conditions.DEGRADED, Conditions.FALSE, REASON_AS_EXPECTED, "",
                    generation, now);
        }
        s.setConditions(conditions);
        return s;
    }

    private static List<Condition> aggregate(List<Observed> observed, List<ComponentStatus> components,
            List<Condition> previous, Long generation, String now) {
        Set<String> keep = new HashSet<>(Set.of(Conditions.READY, Conditions.PROGRESSING, Conditions.DEGRADED));
        List<String> notReady = new ArrayList<>();
        List<String> progressing = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        String firstDegradedReason = null;
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            if (observed.get(i).enabled()) {
                keep.add(observed.get(i).component().readyCondition());
            }
        }
        // Drop conditions of components switched off; keep the rest with their transition times.
        for (Condition c : previous == null ? List.<Condition>of() : previous) {
            if (keep.contains(c.getType())) {
                conditions.add(c);
            }
        }
        for (int i = 0; i < observed.size(); i++) {
            Observed o = observed.get(i);
            if (!o.enabled()) {
                if (o.failureReason() != null) {
                    degraded.add(o.component().id() + ": " + o.failureMessage());
                    firstDegradedReason = firstDegradedReason == null ? o.failureReason() : firstDegradedReason;
                }
                continue;
            }
            ComponentStatus s = components.get(i);
            Condition available = Conditions.find(s.getConditions(), Conditions.AVAILABLE).orElseThrow();
            Condition degradedCondition = Conditions.find(s.getConditions(), Conditions.DEGRADED).orElseThrow();
            boolean isDegraded = Conditions.TRUE.equals(degradedCondition.getStatus());
            boolean ready = Conditions.TRUE.equals(available.getStatus()) && !isDegraded;
            Condition why = isDegraded ? degradedCondition : available;
            conditions = Conditions.set(conditions, o.component().readyCondition(), ready ? Conditions.TRUE : Conditions.FALSE,
                    why.getReason(), why.getMessage(), generation, now);
            if (!ready) {
                notReady.add(o.component().id() + ": " + why.getMessage());
            }
            if (Conditions.isTrue(s.getConditions(), Conditions.PROGRESSING)) {
                progressing.add(o.component().id() + ": "
                        + Conditions.find(s.getConditions(), Conditions.PROGRESSING).orElseThrow().getMessage());
            }
            if (isDegraded) {
                degraded.add(o.component().id() + ": " + degradedCondition.getMessage());
                firstDegradedReason = firstDegradedReason == null ? degradedCondition.getReason() : firstDegradedReason;
            }
        }
        long enabled = observed.stream().filter(Observed::enabled).count();
        conditions = Conditions.set(conditions, Conditions.READY, notReady.isEmpty() ? Conditions.TRUE : Conditions.FALSE,
                notReady.isEmpty() ? REASON_ALL_READY : REASON_NOT_READY,
                notReady.isEmpty() ? (enabled == 0 ? "no component is enabled" : "all " + enabled + " enabled components are ready")
                        : String.join("; ", notReady),
                generation, now);
        conditions = Conditions.set(conditions, Conditions.PROGRESSING,
                progressing.isEmpty() ? Conditions.FALSE : Conditions.TRUE,
                progressing.isEmpty() ? REASON_AS_EXPECTED : REASON_ROLLING_OUT, String.join("; ", progressing),
                generation, now);
        conditions = Conditions.set(conditions, Conditions.DEGRADED, degraded.isEmpty() ? Conditions.FALSE : Conditions.TRUE,
                degraded.isEmpty() ? REASON_AS_EXPECTED : firstDegradedReason, String.join("; ", degraded), generation,
                now);
        return conditions;
    }

    /** True when both statuses say the same (compares their JSON; the API classes have no equals). */
    public static boolean same(NfvOperatorConfigStatus a, NfvOperatorConfigStatus b) {
        return Objects.equals(SERIALIZATION.convertValue(a == null ? new NfvOperatorConfigStatus() : a, JsonNode.class),
                SERIALIZATION.convertValue(b == null ? new NfvOperatorConfigStatus() : b, JsonNode.class));
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
