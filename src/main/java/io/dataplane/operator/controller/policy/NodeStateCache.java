package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The node controller's NfvNodeState informer and Node cache, shared with the policy status controller:
 * one watch and one cached copy of every state instead of two (at 1,000 nodes the states are the largest
 * part of the operator's heap, and every agent report was deserialized twice). The Nodes let a policy
 * count the nodes it selects before their states exist.
 *
 * <p>The node controller reports each state it sees change — informer events and its own writes, whose
 * events JOSDK does not propagate — and each deletion; subscribers turn them into their own events.
 */
@ApplicationScoped
public class NodeStateCache {
    /** What a subscriber hears: a state changed (or was written), or was deleted. */
    public interface Listener {
        void changed(NfvNodeState state);

        void deleted(NfvNodeState state);
    }

    private volatile InformerEventSource<NfvNodeState, Node> source;
    private volatile IndexedResourceCache<Node> nodes;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    void attach(InformerEventSource<NfvNodeState, Node> source, IndexedResourceCache<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    /** Whether the informer has listed every state (JOSDK marks it running once its cache synced). */
    public boolean synced() {
        var s = source;
        return s != null && s.isRunning();
    }

    public Stream<NfvNodeState> list() {
        var s = source;
        return s == null ? Stream.empty() : s.list();
    }

    /** Names of the nodes whose labels {@code selects} accepts. */
    public List<String> nodesSelectedBy(Predicate<Map<String, String>> selects) {
        var n = nodes;
        return n == null ? List.of() : n.list(node -> selects.test(node.getMetadata().getLabels() == null
                ? Map.of() : node.getMetadata().getLabels())).map(node -> node.getMetadata().getName()).toList();
    }

    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    void changed(NfvNodeState state) {
        listeners.forEach(l -> l.changed(state));
    }

    void deleted(NfvNodeState state) {
        listeners.forEach(l -> l.deleted(state));
    }
}
