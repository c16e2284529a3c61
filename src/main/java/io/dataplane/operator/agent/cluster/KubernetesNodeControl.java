package io.dataplane.operator.agent.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Cordon through {@code spec.unschedulable}, drain through the Eviction API so PodDisruptionBudgets
 * are respected: a blocked eviction (429) is retried with backoff until the drain timeout. DaemonSet
 * pods (they would come straight back, and the agent is one) and mirror pods (static pods the
 * kubelet owns) are left alone, as {@code kubectl drain --ignore-daemonsets} does.
 *
 * <p>Patches go to a stub of the Node ({@code resource(stub)}): fabric8 GETs the object before a
 * {@code withName(..).patch(..)}, a round trip a merge patch does not need. Capability labels that
 * changed ride in the cordon and uncordon patches. The drain settings come
 * from a {@link DrainSettingsSource} (a watch), not from a read per drain.
 */
public final class KubernetesNodeControl implements NodeControl {

    private static final Logger LOG = Logger.getLogger(KubernetesNodeControl.class);
    // Spelled out: the agent's client knows no kinds it has not used (agent.AgentMain), so it cannot
    // look up the resource of a bare apiVersion and kind.
    private static final ResourceDefinitionContext NODES = new ResourceDefinitionContext.Builder().withGroup("")
            .withVersion("v1").withKind("Node").withPlural("nodes").withNamespaced(false).build();
    private static final ResourceDefinitionContext PODS = new ResourceDefinitionContext.Builder().withGroup("")
            .withVersion("v1").withKind("Pod").withPlural("pods").withNamespaced(true).build();

    private final KubernetesClient client;
    private final String node;
    private final DrainSettingsSource drainSettings;
    private final LongConsumer sleeper;
    private final Duration maxBackoff;

    public KubernetesNodeControl(KubernetesClient client, String node, DrainSettingsSource drainSettings) {
        this(client, node, drainSettings, KubernetesNodeControl::sleep, Duration.ofSeconds(5));
    }

    /** With a sleeper (milliseconds) and a longest pause between rounds, for tests. */
    public KubernetesNodeControl(KubernetesClient client, String node, DrainSettingsSource drainSettings, LongConsumer sleeper,
            Duration maxBackoff) {
        this.client = client;
        this.node = node;
        this.drainSettings = drainSettings;
        this.sleeper = sleeper;
        this.maxBackoff = maxBackoff;
    }

    /** A read of the Node, fresh on purpose: whether someone else cordoned it decides who uncordons. */
    @Override
    public NodeView read() {
        GenericKubernetesResource n = node(client, node);
        if (n == null) {
            return new NodeView(false, null);
        }
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        return new NodeView(Boolean.TRUE.equals(n.get("spec", "unschedulable")), labels);
    }

    /**
     * The Node as a generic object (metadata typed, the rest a map), or null: the agent reads only its
     * labels and {@code spec.unschedulable}, and the typed Node model costs classes and deserializers.
     */
    static GenericKubernetesResource node(KubernetesClient client, String node) {
        return client.genericKubernetesResources(NODES).withName(node).get();
    }

    @Override
    public void cordon(Map<String, String> labels) {
        patchNode(client, node, labels, Collections.singletonMap("unschedulable", Boolean.TRUE));
        LOG.infof("node %s cordoned%s", node, labels.isEmpty() ? "" : "; labels " + labels);
    }

    @Override
    public void uncordon(Map<String, String> labels) {
        // Removed, not false, as kubectl uncordon does.
        patchNode(client, node, labels, Collections.singletonMap("unschedulable", null));
        LOG.infof("node %s uncordoned%s", node, labels.isEmpty() ? "" : "; labels " + labels);
    }

    @Override
    public DrainSettings drainSettings() {
        return drainSettings.get();
    }

    /**
     * One JSON merge patch of the Node, sent as is (no GET first; a 404 if the Node is gone): the
     * {@code labels} given (a null value removes one; none when empty) and {@code spec} fields (none when null).
     */
    static void patchNode(KubernetesClient client, String node, Map<String, String> labels, Map<String, Object> spec) {
        Map<String, Object> patch = new LinkedHashMap<>();
        if (!labels.isEmpty()) {
            patch.put("metadata", Map.of("labels", labels));
        }
        if (spec != null) {
            patch.put("spec", spec);
        }
        GenericKubernetesResource stub = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("Node")
                .withNewMetadata().withName(node).endMetadata().build();
        client.genericKubernetesResources(NODES).resource(stub)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    @Override
    public DrainResult drain(DrainSettings settings) {
        // A refused eviction (429) must come back at once: the client's own retries on 429 would
        // stretch each round and overrun the drain timeout. A view of the same client (its HTTP
        // client and serialization; never closed here), with retries off for its requests.
        RequestConfig noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build();
        return drain(settings, client.newClient(noRetries).adapt(KubernetesClient.class));
    }

    private DrainResult drain(DrainSettings settings, KubernetesClient evictor) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long pause = 500;
        while (true) {
            List<GenericKubernetesResource> pods = evictable();
            if (pods.isEmpty()) {
                return new DrainResult(true, "drained");
            }
            if (!settings.deleteEmptyDirData()) {
                List<String> local = pods.stream().filter(KubernetesNodeControlFilters::hasEmptyDir).map(KubernetesNodeControl::name).toList();
                if (!local.isEmpty()) {
                    return new DrainResult(false, "pods with emptyDir data " + local
                            + " are not evicted (NfvOperatorConfig spec.drain.deleteEmptyDirData is false)");
                }
            }
            List<String> blocked = new ArrayList<>();
            for (GenericKubernetesResource p : pods) {
                if (p.getMetadata().getDeletionTimestamp() != null) {
                    continue; // evicted, terminating
                }
                if (!evict(evictor, p)) {
                    blocked.add(name(p));
                }
            }
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                List<String> left = evictable().stream().map(KubernetesNodeControl::name).toList();
                if (left.isEmpty()) {
                    return new DrainResult(true, "drained");
                }
                return new DrainResult(false, "drain timed out after " + settings.timeout().toSeconds() + "s; still on the node: "
                        + left + (blocked.isEmpty() ? "" : "; evictions refused by a PodDisruptionBudget: " + blocked));
            }
            sleeper.accept(Math.min(pause, remainingMs));
            pause = Math.min(pause * 2, maxBackoff.toMillis());
        }
    }

    /** True when evicted (or already gone); false when a PodDisruptionBudget refuses it now. */
    private boolean evict(KubernetesClient evictor, GenericKubernetesResource p) {
        try {
            boolean ok = evictor.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).evict();
            if (ok) {
                LOG.infof("evicted %s from %s", name(p), node);
            }
            return ok;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return true;
            }
            if (e.getCode() == 500 && e.getMessage() != null && e.getMessage().contains("disruption budget")) {
                return false; // several budgets select the pod: the API server answers 500
            }
            throw e;
        }
    }

    @Override
    public List<String> podsToEvict() {
        return evictable().stream().map(KubernetesNodeControl::name).toList();
    }

    /** The node's pods a drain evicts, read as generic objects (see {@link KubernetesNodeControlFilters}). */
    private List<GenericKubernetesResource> evictable() {
        return client.genericKubernetesResources(PODS).inAnyNamespace().withField("spec.nodeName", node).list().getItems()
                .stream()
                .filter(KubernetesNodeControlFilters::evicted)
                .toList();
    }

    private static String name(GenericKubernetesResource p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("drain interrupted");
        }
    }
}
