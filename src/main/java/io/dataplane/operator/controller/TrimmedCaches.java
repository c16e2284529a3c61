package io.dataplane.operator.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * Informer caches that keep only what the controllers read. A Node's status (images, conditions,
 * heartbeats) can be tens of kilobytes and the node controller reads only its metadata; at 1,000 nodes
 * it would be among the largest items of the operator's heap. ({@code metadata.managedFields} never
 * reaches a cache: the client's mapper skips them, {@link io.dataplane.operator.runtime.SkipManagedFields}.)
 */
public final class TrimmedCaches {
    private TrimmedCaches() {
    }

    /** Nodes as the node controller sees them: name, uid, labels and the rest of the metadata. */
    public static class NodeMetadataOnly extends TransformingItemStore<Node> {
        public NodeMetadataOnly() {
            super(node -> {
                node.setStatus(null);
                return node;
            });
        }
    }
}
