package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import java.util.List;

/** Reading an NfvNodeState the way the operator needs it: what the agent asks for and how far it got. */
public final class NodeStates {
    private NodeStates() {
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

    /** A disruptive change is over: applied, uncordoned, nothing more asked. Its grant can go. */
    public static boolean finished(NfvNodeState state) {
        return synced(state) && !requested(state) && !cordoned(state);
    }

    public static DisruptionBudget.NodeState budgetView(NfvNodeState state, List<String> policies) {
        return new DisruptionBudget.NodeState(state.getMetadata().getName(), policies, requested(state),
                granted(state), finished(state));
    }
}
