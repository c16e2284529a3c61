package io.dataplane.operator.agent;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.function.Function;

/**
 * NfvNodeState events to agent loops. A real agent watches only its own object (field selector
 * {@code metadata.name=<node>}); simulated agents of one process share one informer on all states
 * and get their events by name, so a thousand simulated nodes cost one watch.
 */
final class StateEvents implements ResourceEventHandler<NfvNodeState> {

    private final Function<String, AgentLoop> loops;

    private StateEvents(Function<String, AgentLoop> loops) {
        this.loops = loops;
    }

    /** Watches one node's state; returns once the informer has listed. */
    static SharedIndexInformer<NfvNodeState> single(KubernetesClient client, AgentLoop loop) {
        SharedIndexInformer<NfvNodeState> informer = client.resources(NfvNodeState.class).withName(loop.node())
                .inform(new StateEvents(n -> n.equals(loop.node()) ? loop : null), 0);
        if (informer.getStore().getByKey(loop.node()) == null) {
            loop.onSyncedWithoutState();
        }
        return informer;
    }

    /** Watches all states for the given loops; returns once the informer has listed. */
    static SharedIndexInformer<NfvNodeState> shared(KubernetesClient client, Map<String, AgentLoop> loops) {
        SharedIndexInformer<NfvNodeState> informer = client.resources(NfvNodeState.class).inform(new StateEvents(loops::get), 0);
        loops.forEach((node, loop) -> {
            if (informer.getStore().getByKey(node) == null) {
                loop.onSyncedWithoutState();
            }
        });
        return informer;
    }

    @Override
    public void onAdd(NfvNodeState obj) {
        AgentLoop loop = loops.apply(obj.getMetadata().getName());
        if (loop != null) {
            loop.onState(obj);
        }
    }

    @Override
    public void onUpdate(NfvNodeState oldObj, NfvNodeState newObj) {
        onAdd(newObj);
    }

    @Override
    public void onDelete(NfvNodeState obj, boolean deletedFinalStateUnknown) {
        AgentLoop loop = loops.apply(obj.getMetadata().getName());
        if (loop != null) {
            loop.onDeleted();
        }
    }
}
