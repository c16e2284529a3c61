package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The node controller's NfvNodeState informer, shared with the policy status controller: one watch and
 * one cached copy of every state instead of two (at 1,000 nodes the states are the largest part of the
 * operator's heap, and every agent report was deserialized twice).
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
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    void attach(InformerEventSource<NfvNodeState, Node> source) {
        this.source = source;
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
