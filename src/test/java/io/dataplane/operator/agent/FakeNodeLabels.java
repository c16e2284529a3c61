package io.dataplane.operator.agent;

import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import java.util.Map;

/** Capability labels on a {@link FakeNodeControl}'s Node, counting the reads and writes of their own. */
final class FakeNodeLabels extends CapabilityPublisher {

    private final FakeNodeControl node;
    int reads;
    int writes;

    FakeNodeLabels(FakeNodeControl node) {
        this.node = node;
    }

    @Override
    protected boolean onNode() {
        return true;
    }

    @Override
    protected Map<String, String> read() {
        reads++;
        return NodeCapabilities.ours(node.labels);
    }

    @Override
    protected boolean write(Map<String, String> labels, Map<String, String> before) {
        writes++;
        node.labels.keySet().removeIf(k -> k.startsWith(NodeCapabilities.PREFIX));
        node.labels.putAll(labels);
        return true;
    }
}
