package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicyStatus;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.PolicyConflict;
import io.dataplane.operator.controller.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A policy's status from the cached NfvNodeStates: which nodes it selects (as written in their
 * spec.policies), which are in sync with the policy as it is now, where it loses to other policies, what of
 * it is invalid, and how the rollout goes. Pure: the merge is recomputed from the states' inventories, so
 * the status never depends on what some other reconcile remembered.
 */
public final class PolicyStatusCalculator {
    /** Nodes listed per conflict in status; the count says how many there are in all. */
    public static final int MAX_LISTED_NODES = 10;
    private static final int MAX_MESSAGE = 4000;

    private PolicyStatusCalculator() {
    }

    /**
     * @param selected names of the nodes the policy's selector matches now (from the Node cache): before
     *     the operator has written this policy's intent into their states they count as selected and not in
     *     sync, so a new policy never looks like it matches nothing
     */
    public static NfvNodePolicyStatus compute(CompiledPolicy policy, PolicySet set, Collection<NfvNodeState> states,
            Collection<String> selected, NfvNodePolicyStatus previous, String now) {
        String name = policy.name();
        Long generation = policy.generation();
        List<NfvNodeState> matched = states.stream()
                .filter(s -> NodeStates.policies(s).contains(name))
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .toList();
        // A state without this policy's intent (none yet, or one its agent registered) is awaited like a missing one.
        Set<String> withState = matched.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        List<String> stateless = selected.stream().filter(n -> !withState.contains(n)).sorted().toList();
        int matchedCount = matched.size() + stateless.size();

        Map<List<String>, TreeSet<String>> conflictNodes = new TreeMap<>(PolicyStatusCalculator::compareKeys);
        Map<List<String>, String> conflictDetail = new LinkedHashMap<>();
        Map<List<String>, TreeSet<String>> problemNodes = new TreeMap<>(PolicyStatusCalculator::compareKeys);
        Map<List<String>, String> problemMessage = new LinkedHashMap<>();
        Map<String, TreeSet<String>> unmatched = new TreeMap<>();
        List<String> awaiting = new ArrayList<>();
        List<String> disrupting = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int ready = 0;
        int pending = stateless.size();
        for (NfvNodeState s : matched) {
            String node = s.getMetadata().getName();
            NodeIntent intent = PolicyMerger.mergeSelected(set.named(NodeStates.policies(s)), node, NodeStates.inventory(s));
            for (Conflict c : intent.conflicts()) {
                if (c.loser().equals(name)) {
                    List<String> key = List.of(c.field(), c.winner());
                    conflictNodes.computeIfAbsent(key, k -> new TreeSet<>()).add(node);
                    conflictDetail.putIfAbsent(key, c.detail());
                }
            }
            for (Problem p : intent.problems()) {
                if (p.policy().equals(name)) {
                    List<String> key = List.of(p.reason(), p.field());
                    problemNodes.computeIfAbsent(key, k -> new TreeSet<>()).add(node);
                    problemMessage.putIfAbsent(key, p.message());
                }
            }
            for (String pool : intent.unmatchedPools()) {
                if (pool.startsWith(name + "/")) {
                    unmatched.computeIfAbsent(pool.substring(name.length() + 1), k -> new TreeSet<>()).add(node);
                }
            }
            boolean inSync = NodeStates.synced(s) && SpecJson.sameIntent(NodeStates.spec(s), intent.spec());
            if (inSync) {
                ready++;
            }
            if (NodeStates.failed(s)) {
                String message = NodeStates.status(s).getMessage();
                failed.add(node + (NodeStates.cordoned(s) ? " (still cordoned)" : "")
                        + (message == null || message.isBlank() ? "" : ": " + message));
            } else if (!inSync) {
                pending++;
                if (intent.awaitingInventory().contains(name)) {
                    awaiting.add(node);
                }
                if (NodeStates.holdsGrant(s)) {
                    disrupting.add(node);
                } else if (NodeStates.requested(s)) {
                    waiting.add(node);
                }
            }
        }

        NfvNodePolicyStatus status = new NfvNodePolicyStatus();
        status.setObservedGeneration(generation);
        status.setMatchedNodes(matchedCount);
        status.setReadyNodes(ready);
        List<PolicyConflict> conflicts = new ArrayList<>();
        List<String[]> degraded = new ArrayList<>(); // {reason, message}
        conflictNodes.forEach((key, nodes) -> {
            PolicyConflict c = new PolicyConflict();
            c.setField(key.get(0));
            c.setWinner(key.get(1));
            c.setNodes(nodes.stream().limit(MAX_LISTED_NODES).toList());
            c.setNodeCount(nodes.size());
            conflicts.add(c);
            degraded.add(new String[] {PolicyReasons.CONFLICT, "loses " + key.get(0) + " to policy " + key.get(1)
                    + " on " + nodeList(nodes) + " (" + conflictDetail.get(key) + ")"});
        });
        status.setConflicts(conflicts);
        for (Problem p : policy.problems()) {
            degraded.add(new String[] {p.reason(), p.message()});
        }
        problemNodes.forEach((key, nodes) -> degraded.add(new String[] {key.get(0),
                problemMessage.get(key) + (nodes.size() > 1 ? " (and likewise on " + nodeList(nodes) + ")" : "")}));
        if (!failed.isEmpty()) {
            degraded.add(new String[] {PolicyReasons.NODE_FAILED, "the node agent failed on "
                    + failed.size() + " node(s): " + String.join("; ", failed.stream().limit(MAX_LISTED_NODES).toList())});
        }

        List<Condition> conditions = previous == null ? List.of() : previous.getConditions();
        String degradedReason = degraded.isEmpty() ? PolicyReasons.AS_EXPECTED : degraded.get(0)[0];
        String degradedMessage = degraded.isEmpty() ? "no conflicts, invalid settings or failed nodes"
                : cap(String.join("; ", degraded.stream().map(d -> d[0] + ": " + d[1]).toList()));
        conditions = Conditions.set(conditions, Conditions.DEGRADED, degraded.isEmpty() ? Conditions.FALSE : Conditions.TRUE,
                degradedReason, degradedMessage, generation, now);

        StringBuilder progress = new StringBuilder(ready + " of " + matchedCount + " selected nodes are in sync");
        if (!stateless.isEmpty()) {
            progress.append("; ").append(stateless.size()).append(" await the policy's intent in their NfvNodeState (")
                    .append(nodeList(stateless)).append(')');
        }
        if (!awaiting.isEmpty()) {
            progress.append("; ").append(awaiting.size()).append(" await the node agent's inventory (")
                    .append(nodeList(awaiting)).append(')');
        }
        if (!disrupting.isEmpty()) {
            progress.append("; ").append(disrupting.size()).append(" in a disruptive change (")
                    .append(nodeList(disrupting)).append(')');
        }
        if (!waiting.isEmpty()) {
            progress.append("; ").append(waiting.size()).append(" wait for the disruption budget (")
                    .append(nodeList(waiting)).append(')');
        }
        String progressReason = pending == 0 ? PolicyReasons.STABLE
                : !stateless.isEmpty() ? PolicyReasons.AWAITING_NODE_STATES
                : !awaiting.isEmpty() ? PolicyReasons.AWAITING_INVENTORY
                : !waiting.isEmpty() ? PolicyReasons.WAITING_FOR_DISRUPTION_BUDGET
                : PolicyReasons.APPLYING;
        conditions = Conditions.set(conditions, Conditions.PROGRESSING, pending == 0 ? Conditions.FALSE : Conditions.TRUE,
                progressReason, pending == 0 ? "no change in progress" : progress.toString(), generation, now);

        StringBuilder readyMessage = new StringBuilder();
        String readyStatus;
        String readyReason;
        if (matchedCount == 0) {
            readyStatus = Conditions.TRUE;
            readyReason = PolicyReasons.NO_MATCHING_NODES;
            readyMessage.append("the node selector matches no node");
        } else if (ready == matchedCount && degraded.isEmpty()) {
            readyStatus = Conditions.TRUE;
            readyReason = PolicyReasons.ALL_NODES_READY;
            readyMessage.append("all ").append(matchedCount).append(" selected nodes are in sync");
        } else {
            readyStatus = Conditions.FALSE;
            readyReason = degraded.isEmpty() ? PolicyReasons.NODES_NOT_READY : degradedReason;
            readyMessage.append(ready).append(" of ").append(matchedCount).append(" selected nodes are in sync");
            if (!degraded.isEmpty()) {
                readyMessage.append("; see Degraded");
            }
        }
        unmatched.forEach((pool, nodes) -> readyMessage.append("; pool ").append(pool)
                .append(" matches no SR-IOV PF on ").append(nodeList(nodes)));
        conditions = Conditions.set(conditions, Conditions.READY, readyStatus, readyReason, cap(readyMessage.toString()),
                generation, now);
        status.setConditions(order(conditions));
        return status;
    }

    /** Ready, Progressing, Degraded first (as printer columns and humans read them), others after. */
    private static List<Condition> order(List<Condition> conditions) {
        List<String> known = List.of(Conditions.READY, Conditions.PROGRESSING, Conditions.DEGRADED);
        List<Condition> out = new ArrayList<>(conditions);
        out.sort(Comparator.comparingInt(c -> known.indexOf(c.getType()) < 0 ? known.size() : known.indexOf(c.getType())));
        return out;
    }

    private static String nodeList(Collection<String> nodes) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(nodes));
        String shown = String.join(", ", sorted.subList(0, Math.min(MAX_LISTED_NODES, sorted.size())));
        return sorted.size() > MAX_LISTED_NODES ? shown + " and " + (sorted.size() - MAX_LISTED_NODES) + " more" : shown;
    }

    private static String cap(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static int compareKeys(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }
}
