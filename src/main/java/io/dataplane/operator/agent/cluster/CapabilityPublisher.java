package io.dataplane.operator.agent.cluster;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Publishes the node's capability labels ({@link NodeCapabilities}): as an NFD {@code NodeFeature}
 * when the cluster serves that kind (nfd-master then labels the node; it must allow the
 * {@code nfv.dataplane.io} label namespace, {@code -extra-label-ns}), otherwise directly on the
 * Node. Writes only when the labels changed since the last publication.
 *
 * <p>The server's copy is read once, at the first publication (an agent restart with unchanged
 * labels writes nothing, and labels an earlier run set but the host no longer earns are removed);
 * after that the last published set is the reference, so a change is one write and no read.
 *
 * <p>When the agent patches its Node anyway (cordon, uncordon), label changes ride in that patch
 * ({@link #changesOnNode}, then {@link #rode}) and cost no write of their own.
 */
public abstract class CapabilityPublisher {

    private static final Logger LOG = Logger.getLogger(CapabilityPublisher.class);
    public static final String NFD_API = "nfd.k8s-sigs.io/v1alpha1";
    // Spelled out: the agent's client looks up no resource of a bare apiVersion and kind (agent.AgentMain).
    static final ResourceDefinitionContext NODE_FEATURES = new ResourceDefinitionContext.Builder().withGroup("nfd.k8s-sigs.io")
            .withVersion("v1alpha1").withKind("NodeFeature").withPlural("nodefeatures").withNamespaced(true).build();
    public static final String NFD_NODE_NAME_LABEL = "nfd.node.kubernetes.io/node-name";

    private Map<String, String> published;

    /** Publishes when the labels differ from the last published set (first call: from the server's). True when it wrote. */
    public final synchronized boolean publish(Map<String, String> labels) {
        if (labels.equals(published)) {
            return false;
        }
        Map<String, String> before = published;
        if (before == null) {
            before = read();
            if (before != null && before.equals(labels)) {
                published = Map.copyOf(labels);
                return false;
            }
        }
        // Recorded only once written: after a failed write the next publication tries again.
        boolean wrote = write(labels, before);
        if (wrote) {
            published = Map.copyOf(labels);
        }
        return wrote;
    }

    /**
     * The label changes to send in a patch of the Node the agent makes anyway; empty when the labels
     * are as published. Null when they cannot ride: they do not go on the Node (NFD), or nothing was
     * published yet and {@code server} (the Node's labels as just read, or null) gives no reference.
     * Once that patch went through, {@link #rode} records the labels as published.
     */
    public final synchronized Map<String, String> changesOnNode(Map<String, String> labels, Map<String, String> server) {
        if (!onNode()) {
            return null;
        }
        Map<String, String> before = published != null ? published : server == null ? null : NodeCapabilities.ours(server);
        return before == null ? null : NodeCapabilities.changes(before, labels);
    }

    /** A patch of the Node carried {@link #changesOnNode} for these labels: they are published. */
    public final synchronized void rode(Map<String, String> labels) {
        published = Map.copyOf(labels);
    }

    /** True when the labels are the Node's own (so they can ride in its patches). */
    protected boolean onNode() {
        return false;
    }

    /** The labels the server holds now, or null when there is no object (yet) to hold them. */
    protected abstract Map<String, String> read();

    /**
     * Writes the labels; {@code before} is what the server holds (null: no object). True when it
     * wrote, false when there is nothing to write to (then the next publication reads again).
     */
    protected abstract boolean write(Map<String, String> labels, Map<String, String> before);

    /** NFD when the cluster serves NodeFeature (API discovery needs no extra permission), else node labels. */
    public static CapabilityPublisher forCluster(KubernetesClient client, String node, String namespace) {
        return forNode(client, node, namespace, nodeFeaturesServed(client));
    }

    /** One API discovery: whether the cluster serves NFD's NodeFeature (a simulated fleet asks once for all its nodes). */
    public static boolean nodeFeaturesServed(KubernetesClient client) {
        try {
            APIResourceList nfd = client.getApiResources(NFD_API);
            return nfd != null && nfd.getResources().stream().anyMatch(r -> "NodeFeature".equals(r.getKind()));
        } catch (KubernetesClientException e) {
            LOG.debugf("no NFD API (%s)", e.getMessage());
            return false;
        }
    }

    /** The publisher for {@code node}: a NodeFeature when {@code nodeFeatures}, else the Node's labels. */
    public static CapabilityPublisher forNode(KubernetesClient client, String node, String namespace, boolean nodeFeatures) {
        if (nodeFeatures) {
            LOG.infof("publishing capabilities of %s as NodeFeature %s/%s", node, namespace, node);
            return new NodeFeatures(client, node, namespace);
        }
        return new NodeLabels(client, node);
    }

    /** Labels under {@link NodeCapabilities#PREFIX} on the Node; other labels are never touched. */
    public static final class NodeLabels extends CapabilityPublisher {
        private final KubernetesClient client;
        private final String node;

        public NodeLabels(KubernetesClient client, String node) {
            this.client = client;
            this.node = node;
        }

        @Override
        protected boolean onNode() {
            return true;
        }

        @Override
        protected Map<String, String> read() {
            GenericKubernetesResource n = KubernetesNodeControl.node(client, node);
            if (n == null) {
                return null;
            }
            return NodeCapabilities.ours(n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels());
        }

        @Override
        protected boolean write(Map<String, String> labels, Map<String, String> before) {
            if (before == null) {
                LOG.debugf("no Node %s to label", node);
                return false;
            }
            // Only what changed: labels the host no longer earns go (null), new or changed ones are set.
            KubernetesNodeControl.patchNode(client, node, NodeCapabilities.changes(before, labels), null);
            LOG.infof("node %s capability labels: %s", node, labels);
            return true;
        }
    }

    /** An NFD NodeFeature named after the node in the agent's namespace; nfd-master applies its labels. */
    public static final class NodeFeatures extends CapabilityPublisher {
        private final KubernetesClient client;
        private final String node;
        private final String namespace;

        public NodeFeatures(KubernetesClient client, String node, String namespace) {
            this.client = client;
            this.node = node;
            this.namespace = namespace;
        }

        @Override
        protected Map<String, String> read() {
            GenericKubernetesResource have = client.genericKubernetesResources(NODE_FEATURES).inNamespace(namespace)
                    .withName(node).get();
            if (have == null) {
                return null;
            }
            Map<String, String> labels = new TreeMap<>();
            if (have.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec && spec.get("labels") instanceof Map<?, ?> l) {
                l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
            }
            return labels;
        }

        /** The whole object by server-side apply (no read first); creates it when absent. */
        @Override
        protected boolean write(Map<String, String> labels, Map<String, String> before) {
            GenericKubernetesResource nf = new GenericKubernetesResourceBuilder()
                    .withApiVersion(NFD_API).withKind("NodeFeature")
                    .withNewMetadata().withName(node).withNamespace(namespace).addToLabels(NFD_NODE_NAME_LABEL, node).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("labels", labels))
                    .build();
            PatchContext apply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(StatusWriter.FIELD_MANAGER).withForce(true).build();
            client.genericKubernetesResources(NODE_FEATURES).inNamespace(namespace).resource(nf).patch(apply);
            LOG.infof("NodeFeature %s/%s labels: %s", namespace, node, labels);
            return true;
        }
    }
}
