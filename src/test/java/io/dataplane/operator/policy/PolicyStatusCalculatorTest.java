package io.dataplane.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicyStatus;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy status from cached node states: counts, conflicts and the three conditions with their reasons. */
class PolicyStatusCalculatorTest {
    static final String T0 = "2026-01-01T00:00:00Z";
    static final String T1 = "2026-01-01T01:00:00Z";

    static NfvNodePolicy policy(String yaml) {
        try {
            NfvNodePolicy p = PolicyMergerTest.YAML.readValue(yaml, NfvNodePolicy.class);
            p.getMetadata().setGeneration(p.getMetadata().getGeneration() == null ? 1L : p.getMetadata().getGeneration());
            return p;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static NodeInventory inventory() {
        try {
            return PolicyMergerTest.table().inventories.get("host");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A state as the node reconciler writes it (merged spec) with the agent's status. */
    static NfvNodeState state(String node, PolicySet set, NodeInventory inventory, SyncStatus sync, boolean applied) {
        NfvNodeState s = new NfvNodeState();
        s.setMetadata(new ObjectMetaBuilder().withName(node).withGeneration(2L).build());
        s.setSpec(PolicyMerger.merge(set, node, Map.of(), inventory).spec());
        NfvNodeStateStatus st = new NfvNodeStateStatus();
        st.setInventory(inventory);
        st.setSyncStatus(sync);
        st.setLastAppliedGeneration(applied ? 2L : 1L);
        s.setStatus(st);
        return s;
    }

    static Condition condition(NfvNodePolicyStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow();
    }

    static NfvNodePolicyStatus compute(String policy, PolicySet set, List<NfvNodeState> states) {
        return PolicyStatusCalculator.compute(set.get(policy).orElseThrow(), set, states, List.of(), null, T0);
    }

    final NfvNodePolicy a = policy("""
            metadata: {name: a, generation: 4}
            spec:
              nodeSelector: {}
              priority: 10
              sriov: [{name: x, resourceName: ra, numVfs: 8, nicSelector: {pfNames: ["ens1f0#0-3"]}}]
            """);
    final NfvNodePolicy b = policy("""
            metadata: {name: b}
            spec:
              nodeSelector: {}
              sriov: [{name: y, resourceName: rb, numVfs: 16, nicSelector: {pfNames: ["ens1f0#4-7"]}}]
            """);

    @Test
    void noMatchedNodeIsReadyWithReasonNoMatchingNodes() {
        PolicySet set = PolicySet.of(List.of(a));
        NfvNodePolicyStatus status = compute("a", set, List.of());
        assertThat(status.getMatchedNodes()).isZero();
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready").getReason()).isEqualTo(PolicyReasons.NO_MATCHING_NODES);
        assertThat(condition(status, "Progressing").getReason()).isEqualTo(PolicyReasons.STABLE);
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("Ready", "Progressing", "Degraded");
    }

    @Test
    void selectedNodesWithoutAStateYetAreAwaitedNotIgnored() {
        PolicySet set = PolicySet.of(List.of(a));
        // Right after the policy appears: the selector matches n1..n3, the operator wrote only n1's state.
        NfvNodePolicyStatus status = PolicyStatusCalculator.compute(set.get("a").orElseThrow(), set,
                List.of(state("n1", set, inventory(), SyncStatus.SUCCEEDED, true)), List.of("n1", "n3", "n2"), null, T0);
        assertThat(status.getMatchedNodes()).isEqualTo(3);
        assertThat(status.getReadyNodes()).isEqualTo(1);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo(PolicyReasons.NODES_NOT_READY);
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("1 of 3 selected nodes are in sync");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo(PolicyReasons.AWAITING_NODE_STATES);
        assertThat(condition(status, "Progressing").getMessage()).contains("2 await the policy's intent in their NfvNodeState (n2, n3)");

        // n2's agent registered its state (no spec yet): awaited all the same.
        NfvNodeState registered = new NfvNodeState();
        registered.getMetadata().setName("n2");
        registered.setStatus(new NfvNodeStateStatus());
        registered.getStatus().setInventory(inventory());
        NfvNodePolicyStatus withRegistered = PolicyStatusCalculator.compute(set.get("a").orElseThrow(), set,
                List.of(state("n1", set, inventory(), SyncStatus.SUCCEEDED, true), registered), List.of("n1", "n3", "n2"), null, T0);
        assertThat(withRegistered.getMatchedNodes()).isEqualTo(3);
        assertThat(condition(withRegistered, "Progressing").getMessage()).contains("2 await the policy's intent in their NfvNodeState (n2, n3)");

        // No state at all yet is still not "matches no node".
        NfvNodePolicyStatus none = PolicyStatusCalculator.compute(set.get("a").orElseThrow(), set, List.of(),
                List.of("n1"), null, T0);
        assertThat(condition(none, "Ready").getReason()).isEqualTo(PolicyReasons.NODES_NOT_READY);
        assertThat(none.getMatchedNodes()).isEqualTo(1);
    }

    @Test
    void nodesInSyncWithTheCurrentPolicyAreReady() {
        PolicySet set = PolicySet.of(List.of(a));
        NfvNodePolicyStatus status = compute("a", set, List.of(
                state("n1", set, inventory(), SyncStatus.SUCCEEDED, true),
                state("n2", set, inventory(), SyncStatus.SUCCEEDED, true)));
        assertThat(status.getMatchedNodes()).isEqualTo(2);
        assertThat(status.getReadyNodes()).isEqualTo(2);
        assertThat(condition(status, "Ready").getReason()).isEqualTo(PolicyReasons.ALL_NODES_READY);
        assertThat(condition(status, "Ready").getObservedGeneration()).isEqualTo(4L);
    }

    @Test
    void aStateWrittenForAnOlderPolicyIsNotReadyEvenIfTheAgentAppliedIt() {
        PolicySet old = PolicySet.of(List.of(a));
        NfvNodeState stale = state("n1", old, inventory(), SyncStatus.SUCCEEDED, true);
        NfvNodePolicy changed = policy("""
                metadata: {name: a, generation: 5}
                spec:
                  nodeSelector: {}
                  sriov: [{name: x, resourceName: ra, numVfs: 16, nicSelector: {pfNames: ["ens1f0#0-3"]}}]
                """);
        PolicySet now = PolicySet.of(List.of(changed));
        NfvNodePolicyStatus status = compute("a", now, List.of(stale, state("n2", now, inventory(), SyncStatus.IN_PROGRESS, false)));
        assertThat(status.getReadyNodes()).isZero();
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo(PolicyReasons.NODES_NOT_READY);
        assertThat(condition(status, "Progressing").getReason()).isEqualTo(PolicyReasons.APPLYING);
        assertThat(condition(status, "Progressing").getMessage()).startsWith("0 of 2 selected nodes are in sync");
    }

    @Test
    void theLoserOfAConflictIsDegradedNamingWinnerNodesAndField() {
        PolicySet set = PolicySet.of(List.of(a, b));
        List<NfvNodeState> states = List.of(state("n2", set, inventory(), SyncStatus.SUCCEEDED, true),
                state("n1", set, inventory(), SyncStatus.SUCCEEDED, true));
        NfvNodePolicyStatus loser = compute("b", set, states);
        Condition degraded = condition(loser, "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo(PolicyReasons.CONFLICT);
        assertThat(degraded.getMessage()).contains("sriov[ens1f0].numVfs", "policy a", "n1, n2");
        assertThat(loser.getConflicts()).singleElement().satisfies(c -> {
            assertThat(c.getField()).isEqualTo("sriov[ens1f0].numVfs");
            assertThat(c.getWinner()).isEqualTo("a");
            assertThat(c.getNodes()).containsExactly("n1", "n2");
            assertThat(c.getNodeCount()).isEqualTo(2);
        });
        assertThat(condition(loser, "Ready").getReason()).isEqualTo(PolicyReasons.CONFLICT);
        // The winner is not degraded by winning.
        NfvNodePolicyStatus winner = compute("a", set, states);
        assertThat(condition(winner, "Degraded").getStatus()).isEqualTo("False");
        assertThat(winner.getConflicts()).isEmpty();
    }

    @Test
    void conflictsListAtMostTenNodesButCountAll() {
        PolicySet set = PolicySet.of(List.of(a, b));
        List<NfvNodeState> states = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            states.add(state("n" + (100 + i), set, inventory(), SyncStatus.SUCCEEDED, true));
        }
        NfvNodePolicyStatus status = compute("b", set, states);
        assertThat(status.getConflicts().get(0).getNodes()).hasSize(10);
        assertThat(status.getConflicts().get(0).getNodeCount()).isEqualTo(12);
        assertThat(condition(status, "Degraded").getMessage()).contains("and 2 more");
    }

    @Test
    void nodesWithoutInventoryMakeItProgressWithAwaitingInventory() {
        PolicySet set = PolicySet.of(List.of(a));
        NfvNodePolicyStatus status = compute("a", set, List.of(state("n1", set, null, null, false)));
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo(PolicyReasons.AWAITING_INVENTORY);
        assertThat(condition(status, "Progressing").getMessage()).contains("1 await the node agent's inventory (n1)");
    }

    @Test
    void nodesWaitingForTheBudgetAreNamed() {
        PolicySet set = PolicySet.of(List.of(a));
        NfvNodeState busy = state("n1", set, inventory(), SyncStatus.IN_PROGRESS, false);
        busy.getSpec().setDisruptionAllowed(true);
        busy.getStatus().setDisruptionRequired(true);
        NfvNodeState waiting = state("n2", set, inventory(), SyncStatus.IN_PROGRESS, false);
        waiting.getStatus().setDisruptionRequired(true);
        NfvNodePolicyStatus status = compute("a", set, List.of(busy, waiting));
        assertThat(condition(status, "Progressing").getReason()).isEqualTo(PolicyReasons.WAITING_FOR_DISRUPTION_BUDGET);
        assertThat(condition(status, "Progressing").getMessage())
                .contains("1 in a disruptive change (n1)", "1 wait for the disruption budget (n2)");
    }

    @Test
    void aFailedCordonedNodeIsSaidToBeCordoned() {
        PolicySet set = PolicySet.of(List.of(a));
        NfvNodeState failed = state("n1", set, inventory(), SyncStatus.FAILED, false);
        failed.getSpec().setDisruptionAllowed(true);
        failed.getStatus().setCordoned(true);
        failed.getStatus().setMessage("drain timed out: pod db-0 has a PodDisruptionBudget");
        NfvNodePolicyStatus status = compute("a", set, List.of(failed));
        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getReason()).isEqualTo(PolicyReasons.NODE_FAILED);
        assertThat(degraded.getMessage()).contains("n1 (still cordoned): drain timed out");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    }

    @Test
    void invalidPartsDegradeThePolicyWithTheirReason() {
        NfvNodePolicy clash = policy("""
                metadata: {name: c}
                spec:
                  nodeSelector: {}
                  sriov: [{name: z, resourceName: ra, numVfs: 8, deviceType: vfio-pci, nicSelector: {pfNames: ["ens1f1"]}}]
                """);
        PolicySet set = PolicySet.of(List.of(a, clash));
        NfvNodePolicyStatus status = compute("c", set, List.of(state("n1", set, inventory(), SyncStatus.SUCCEEDED, true)));
        assertThat(condition(status, "Degraded").getReason()).isEqualTo(PolicyReasons.RESOURCE_NAME_CONFLICT);
        assertThat(condition(status, "Degraded").getMessage()).contains("resourceName ra", "policy a");
    }

    @Test
    void poolsThatMatchNoPfAreMentionedInReady() {
        NfvNodePolicy nowhere = policy("""
                metadata: {name: d}
                spec:
                  nodeSelector: {}
                  sriov: [{name: gone, resourceName: rd, numVfs: 2, nicSelector: {pfNames: ["ens9f9"]}}]
                """);
        PolicySet set = PolicySet.of(List.of(nowhere));
        NfvNodePolicyStatus status = compute("d", set, List.of(state("n1", set, inventory(), SyncStatus.SUCCEEDED, true)));
        assertThat(condition(status, "Ready").getMessage()).contains("pool gone matches no SR-IOV PF on n1");
    }

    @Test
    void transitionTimesStayWhenNothingChanged() {
        PolicySet set = PolicySet.of(List.of(a, b));
        List<NfvNodeState> states = List.of(state("n1", set, inventory(), SyncStatus.SUCCEEDED, true));
        NfvNodePolicyStatus first = PolicyStatusCalculator.compute(set.get("b").orElseThrow(), set, states, List.of(), null, T0);
        NfvNodePolicyStatus again = PolicyStatusCalculator.compute(set.get("b").orElseThrow(), set, states, List.of(), first, T1);
        assertThat(again.getConditions()).isEqualTo(first.getConditions());
        assertThat(condition(again, "Degraded").getLastTransitionTime()).isEqualTo(T0);
    }
}
