package io.dataplane.operator.agent.cluster;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Publishes the node's capability labels ({@link NodeCapabilities}): as an NFD {@code NodeFeature}
 * when the cluster serves that kind (nfd-master then labels the node; it must allow the
 * {@code nfv.dataplane.io} label namespace, {@code -extra-label-ns}), otherwise directly on the
 * Node. Writes only when the labels changed since the last publication.
 */
public abstract class CapabilityPublisher {

    private static final Logger LOG = Logger.getLogger(CapabilityPublisher.class);
    public static final String NFD_API = "nfd.k8s-sigs.io/v1alpha1";
    public static final String NFD_NODE_NAME_LABEL = "nfd.node.kubernetes.io/node-name";

    private Map<String, String> published;

    /** Publishes when the labels differ from the last published set (first call: from the server's). */
    public final synchronized boolean publish(Map<String, String> labels) {
        if (labels.equals(published)) {
            return false;
        }
        boolean wrote = write(labels);
        published = Map.copyOf(labels);
        return wrote;
    }

    /** Writes if the server's copy differs; true when it wrote. */
    protected abstract boolean write(Map<String, String> labels);

    /** NFD when the cluster serves NodeFeature (API discovery needs no extra permission), else node labels. */
    public static CapabilityPublisher forCluster(KubernetesClient client, String node, String namespace) {
        try {
            APIResourceList nfd = client.getApiResources(NFD_API);
            if (nfd != null && nfd.getResources().stream().anyMatch(r -> "NodeFeature".equals(r.getKind()))) {
                LOG.infof("publishing capabilities of %s as NodeFeature %s/%s", node, namespace, node);
                return new NodeFeatures(client, node, namespace);
            }
        } catch (KubernetesClientException e) {
            LOG.debugf("no NFD API (%s)", e.getMessage());
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
        protected boolean write(Map<String, String> labels) {
            Node n = client.nodes().withName(node).get();
            if (n == null) {
                return false;
            }
            Map<String, String> have = new HashMap<>();
            if (n.getMetadata().getLabels() != null) {
                n.getMetadata().getLabels().forEach((k, v) -> {
                    if (k.startsWith(NodeCapabilities.PREFIX)) {
                        have.put(k, v);
                    }
                });
            }
            if (have.equals(labels)) {
                return false;
            }
            Map<String, Object> patch = new LinkedHashMap<>();
            have.keySet().forEach(k -> patch.put(k, null));
            patch.putAll(labels);
            String body = client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("labels", patch)));
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), body);
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
        protected boolean write(Map<String, String> labels) {
            var resource = client.genericKubernetesResources(NFD_API, "NodeFeature").inNamespace(namespace).withName(node);
            GenericKubernetesResource have = resource.get();
            Object haveLabels = have == null ? null : have.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                    ? spec.get("labels") : null;
            if (have != null && Objects.equals(haveLabels == null ? Map.of() : haveLabels, labels)) {
                return false;
            }
            GenericKubernetesResource nf = new GenericKubernetesResourceBuilder()
                    .withApiVersion(NFD_API).withKind("NodeFeature")
                    .withNewMetadata().withName(node).withNamespace(namespace).addToLabels(NFD_NODE_NAME_LABEL, node).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("labels", labels))
                    .build();
            resource.patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(StatusWriter.FIELD_MANAGER).withForce(true).build(), nf);
            LOG.infof("NodeFeature %s/%s labels: %s", namespace, node, labels);
            return true;
        }
    }
}
