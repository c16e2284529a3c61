package io.dataplane.operator.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * Informer caches that keep only what the controllers read. {@code metadata.managedFields} is a third
 * to a half of a small object's JSON (one entry per field manager: the operator and the agent both
 * write every NfvNodeState) and nothing here reads it; a Node's status (images, conditions, heartbeats)
 * can be tens of kilobytes and the node controller reads only labels. At 1,000 nodes these are the
 * largest items of the operator's heap.
 */
public final class TrimmedCaches {
    private TrimmedCaches() {
    }

    /** For event sources built in code. */
    public static <R extends HasMetadata> TransformingItemStore<R> withoutManagedFields() {
        return new TransformingItemStore<>(TrimmedCaches::stripManagedFields);
    }

    /** For a controller's own informer ({@code @Informer(itemStore = ...)} needs a class). */
    public static class WithoutManagedFields<R extends HasMetadata> extends TransformingItemStore<R> {
        public WithoutManagedFields() {
            super(TrimmedCaches::stripManagedFields);
        }
    }

    /** Nodes as the node controller sees them: name, uid, labels and the rest of the metadata. */
    public static class NodeMetadataOnly extends TransformingItemStore<Node> {
        public NodeMetadataOnly() {
            super(node -> {
                stripManagedFields(node);
                node.setStatus(null);
                return node;
            });
        }
    }

    static <R extends HasMetadata> R stripManagedFields(R resource) {
        if (resource.getMetadata() != null) {
            resource.getMetadata().setManagedFields(null);
        }
        return resource;
    }
}
