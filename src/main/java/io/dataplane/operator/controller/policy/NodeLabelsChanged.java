package io.dataplane.operator.controller.policy;

import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Node updates that matter to policies: labels (selection) and uid (a re-created node needs a new owner
 * reference). The kubelet's periodic status updates are dropped here instead of waking a reconcile each.
 */
public class NodeLabelsChanged implements OnUpdateFilter<Node> {
    @Override
    public boolean accept(Node updated, Node previous) {
        return !Objects.equals(updated.getMetadata().getLabels(), previous.getMetadata().getLabels())
                || !Objects.equals(updated.getMetadata().getUid(), previous.getMetadata().getUid());
    }
}
