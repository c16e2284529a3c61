package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/** Reading an NfvNodeState the way the operator needs it: what the agent asks for and how far it got. */
public final class NodeStates {
    private NodeStates() {
    }

    /**
     * The owner reference every state carries: the Node of the same name, so garbage collection deletes
     * the state with the node and never waits for it. The operator and the registering agent write the same one.
     */
    public static OwnerReference nodeOwner(String node, String uid) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node").withName(node).withUid(uid)
                .withBlockOwnerDeletion(false).build();
    }

    /** The operator has written no intent (a state the agent registered): the agent only reports the host. */
    public static boolean registeredOnly(NfvNodeState state) {
        return state.getSpec() == null;
    }

    public static NfvNodeStateSpec spec(NfvNodeState state) {
        return state.getSpec() == null ? new NfvNodeStateSpec() : state.getSpec();
    }

    public static NfvNodeStateStatus status(NfvNodeState state) {
        return state.getStatus() == null ? new NfvNodeStateStatus() : state.getStatus();
    }

    public static List<String> policies(NfvNodeState state) {
        return spec(state).getPolicies();
    }

    public static NodeInventory inventory(NfvNodeState state) {
        return status(state).getInventory();
    }

    public static boolean requested(NfvNodeState state) {
        return Boolean.TRUE.equals(status(state).getDisruptionRequired());
    }

    public static boolean granted(NfvNodeState state) {
        return Boolean.TRUE.equals(spec(state).getDisruptionAllowed());
    }

    public static boolean failed(NfvNodeState state) {
        return status(state).getSyncStatus() == SyncStatus.FAILED;
    }

    public static boolean cordoned(NfvNodeState state) {
        return Boolean.TRUE.equals(status(state).getCordoned());
    }

    /** The agent applied the state's current generation completely. */
    public static boolean synced(NfvNodeState state) {
        NfvNodeStateStatus s = status(state);
        Long generation = state.getMetadata().getGeneration();
        return s.getSyncStatus() == SyncStatus.SUCCEEDED && s.getLastAppliedGeneration() != null
                && (generation == null || s.getLastAppliedGeneration() >= generation);
    }

    /**
     * The grant is used up: the agent applied the generation it came with, or a later one, and holds no
     * cordon. The agent ignores such a grant, so it may stay in the spec (see {@link DisruptionBudget}).
     */
    public static boolean grantSpent(NfvNodeState state) {
        Long applied = status(state).getLastAppliedGeneration();
        Long generation = state.getMetadata().getGeneration();
        return granted(state) && applied != null && generation != null && applied >= generation && !cordoned(state);
    }

    /** Granted and not yet spent: the node is in its disruptive change (or failed in it) and takes a slot. */
    public static boolean holdsGrant(NfvNodeState state) {
        return granted(state) && !grantSpent(state);
    }

    public static DisruptionBudget.NodeState budgetView(NfvNodeState state, List<String> policies) {
        Long generation = state.getMetadata().getGeneration();
        return new DisruptionBudget.NodeState(state.getMetadata().getName(), policies, requested(state),
                granted(state), grantSpent(state), generation == null ? 0 : generation);
    }
}
