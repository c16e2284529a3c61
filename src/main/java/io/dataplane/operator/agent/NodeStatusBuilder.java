package io.dataplane.operator.agent;

import io.dataplane.operator.agent.apply.ApplyReport;
import io.dataplane.operator.agent.apply.OwnedState;
import io.dataplane.operator.agent.apply.Reasons;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one reconcile's outcome into NfvNodeState.status. Pure: the same host and outcome give the
 * same status (condition transition times are kept while a condition's status stays), so a
 * converged node produces a status equal to the one it has, and no write.
 */
final class NodeStatusBuilder {

    static final int MAX_MESSAGE = 1024;

    private NodeStatusBuilder() {
    }

    static NfvNodeStateStatus build(NfvNodeStateStatus previous, Long generation, ApplyReport report, OwnedState owned,
            NodeInventory inventory) {
        NfvNodeStateStatus prev = previous == null ? new NfvNodeStateStatus() : previous;
        NfvNodeStateStatus s = new NfvNodeStateStatus();
        s.setObservedGeneration(generation);
        s.setInventory(inventory);
        s.setOwned(owned.toApi());
        s.setCordoned(owned.cordoned);
        s.setDisruptionRequired(!report.pending().isEmpty());
        Set<String> restarts = new LinkedHashSet<>(report.restartsRequired());
        restarts.addAll(owned.restartsPending);
        s.setRestartsRequired(new ArrayList<>(restarts));

        String now = Conditions.now();
        List<Condition> conditions = prev.getConditions();
        String problems = report.problems().stream().map(p -> p.reason() + ": " + p.message()).collect(Collectors.joining("; "));
        String pending = String.join("; ", report.pending());
        if (!report.problems().isEmpty()) {
            String reason = report.problems().get(0).reason();
            s.setSyncStatus(SyncStatus.FAILED);
            s.setLastAppliedGeneration(prev.getLastAppliedGeneration());
            s.setMessage(truncate(problems + "." + (owned.cordoned ? " The node stays cordoned until the change succeeds." : "")
                    + (pending.isEmpty() ? "" : " Waiting to change: " + pending + ".")));
            conditions = Conditions.set(conditions, Conditions.READY, Conditions.FALSE, reason, truncate(problems), generation, now);
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.FALSE, Reasons.STABLE,
                    "retrying with backoff", generation, now);
            conditions = Conditions.set(conditions, Conditions.DEGRADED, Conditions.TRUE, reason, truncate(problems), generation, now);
        } else if (!report.pending().isEmpty()) {
            s.setSyncStatus(SyncStatus.IN_PROGRESS);
            s.setLastAppliedGeneration(prev.getLastAppliedGeneration());
            String msg = truncate("Waiting for a disruption grant (spec.disruptionAllowed) to change: " + pending
                    + ". Everything else is applied.");
            s.setMessage(msg);
            conditions = Conditions.set(conditions, Conditions.READY, Conditions.FALSE, Reasons.AWAITING_DISRUPTION_GRANT, msg, generation, now);
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.TRUE, Reasons.AWAITING_DISRUPTION_GRANT, msg,
                    generation, now);
            conditions = Conditions.set(conditions, Conditions.DEGRADED, Conditions.FALSE, Reasons.AS_EXPECTED, "", generation, now);
        } else {
            s.setSyncStatus(SyncStatus.SUCCEEDED);
            s.setLastAppliedGeneration(generation);
            s.setMessage(successMessage(prev, generation, report));
            conditions = Conditions.set(conditions, Conditions.READY, Conditions.TRUE, Reasons.APPLIED,
                    "generation " + generation + " applied", generation, now);
            conditions = Conditions.set(conditions, Conditions.PROGRESSING, Conditions.FALSE, Reasons.STABLE, "", generation, now);
            conditions = Conditions.set(conditions, Conditions.DEGRADED, Conditions.FALSE, Reasons.AS_EXPECTED, "", generation, now);
        }
        conditions = cordoned(conditions, owned.cordoned, report, generation, now);
        s.setConditions(conditions);
        return s;
    }

    /** A state without a spec: nothing asked, nothing changed; the host as found. */
    static NfvNodeStateStatus registered(NfvNodeStateStatus previous, Long generation, OwnedState owned, NodeInventory inventory) {
        NfvNodeStateStatus s = build(previous, generation, new ApplyReport(), owned, inventory);
        String msg = "No policy selects this node yet: the inventory is the host as found, and nothing was changed.";
        s.setMessage(msg);
        s.setConditions(Conditions.set(s.getConditions(), Conditions.READY, Conditions.TRUE, Reasons.NO_INTENT, msg, generation,
                Conditions.now()));
        return s;
    }

    /** Cordoned for a granted disruptive change, about to drain (the next reconcile drains and applies). */
    static NfvNodeStateStatus draining(NfvNodeStateStatus previous, Long generation, ApplyReport plan, OwnedState owned,
            NodeInventory inventory) {
        NfvNodeStateStatus s = build(previous, generation, plan, owned, inventory);
        String msg = truncate("Cordoned; draining before: " + String.join("; ", plan.pending()) + ".");
        String now = Conditions.now();
        s.setMessage(msg);
        List<Condition> c = s.getConditions();
        c = Conditions.set(c, Conditions.READY, Conditions.FALSE, Reasons.DRAINING, msg, generation, now);
        c = Conditions.set(c, Conditions.PROGRESSING, Conditions.TRUE, Reasons.DRAINING, msg, generation, now);
        s.setConditions(c);
        return s;
    }

    /** True for a status that {@link #draining} made: the loop reconciles again at once. */
    static boolean isDraining(NfvNodeStateStatus s) {
        return Reasons.DRAINING.equals(Conditions.reason(s.getConditions(), Conditions.PROGRESSING));
    }

    /**
     * Failed status for an unexpected error: keeps what the previous status knew about the host.
     * {@code cordoned}: whether the agent holds a cordon, as its host file says (null: as the previous status says).
     */
    static NfvNodeStateStatus error(NfvNodeStateStatus previous, Long generation, RuntimeException e, Boolean cordoned) {
        NfvNodeStateStatus prev = previous == null ? new NfvNodeStateStatus() : previous;
        ApplyReport report = new ApplyReport();
        report.problem(Reasons.AGENT_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        OwnedState owned = OwnedState.fromApi(prev.getOwned());
        owned.cordoned = cordoned != null ? cordoned : Boolean.TRUE.equals(prev.getCordoned());
        owned.restartsPending.addAll(prev.getRestartsRequired());
        return build(prev, generation, report, owned, prev.getInventory());
    }

    private static String successMessage(NfvNodeStateStatus prev, Long generation, ApplyReport report) {
        List<String> parts = new ArrayList<>(report.changes());
        report.restarts().forEach(r -> parts.add("restarted " + r));
        if (parts.isEmpty()) {
            // Nothing changed now: keep what the message said when this generation was applied.
            if (prev.getSyncStatus() == SyncStatus.SUCCEEDED && generation != null && generation.equals(prev.getLastAppliedGeneration())
                    && prev.getMessage() != null) {
                return prev.getMessage();
            }
            return "Generation " + generation + " applied; the host already matched.";
        }
        return truncate("Generation " + generation + " applied: " + String.join("; ", parts) + ".");
    }

    private static List<Condition> cordoned(List<Condition> conditions, boolean cordoned, ApplyReport report, Long generation,
            String now) {
        if (cordoned) {
            String reason = report.problems().isEmpty() ? "DisruptiveChange" : report.problems().get(0).reason();
            String msg = report.problems().isEmpty()
                    ? "cordoned by the agent for a disruptive change; uncordoned when it is done"
                    : "cordoned by the agent; it stays cordoned because the disruptive change failed (" + reason
                            + "); it is uncordoned once the change succeeds, or uncordon it by hand";
            return Conditions.set(conditions, Reasons.CORDONED, Conditions.TRUE, reason, msg, generation, now);
        }
        if (Conditions.find(conditions, Reasons.CORDONED).isPresent()) {
            return Conditions.set(conditions, Reasons.CORDONED, Conditions.FALSE, Reasons.UNCORDONED, "", generation, now);
        }
        return conditions;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
