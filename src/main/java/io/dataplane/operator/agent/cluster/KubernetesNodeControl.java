package io.dataplane.operator.agent.cluster;

import io.dataplane.operator.api.v1alpha1.DrainSpec;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Cordon through {@code spec.unschedulable}, drain through the Eviction API so PodDisruptionBudgets
 * are respected: a blocked eviction (429) is retried with backoff until the drain timeout. DaemonSet
 * pods (they would come straight back, and the agent is one) and mirror pods (static pods the
 * kubelet owns) are left alone, as {@code kubectl drain --ignore-daemonsets} does.
 */
public final class KubernetesNodeControl implements NodeControl {

    private static final Logger LOG = Logger.getLogger(KubernetesNodeControl.class);

    private final KubernetesClient client;
    private final String node;
    private final LongConsumer sleeper;
    private final Duration maxBackoff;

    public KubernetesNodeControl(KubernetesClient client, String node) {
        this(client, node, KubernetesNodeControl::sleep, Duration.ofSeconds(5));
    }

    /** With a sleeper (milliseconds) and a longest pause between rounds, for tests. */
    public KubernetesNodeControl(KubernetesClient client, String node, LongConsumer sleeper, Duration maxBackoff) {
        this.client = client;
        this.node = node;
        this.sleeper = sleeper;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public boolean unschedulable() {
        Node n = client.nodes().withName(node).get();
        return n != null && n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    }

    @Override
    public void cordon() {
        client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":true}}");
        LOG.infof("node %s cordoned", node);
    }

    @Override
    public void uncordon() {
        client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":null}}");
        LOG.infof("node %s uncordoned", node);
    }

    @Override
    public DrainSettings drainSettings() {
        try {
            NfvOperatorConfig cfg = client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).get();
            DrainSpec d = cfg == null || cfg.getSpec() == null ? null : cfg.getSpec().getDrain();
            if (d == null) {
                return DrainSettings.DEFAULT;
            }
            return new DrainSettings(!Boolean.FALSE.equals(d.getEnabled()),
                    Duration.ofSeconds(d.getTimeoutSeconds() == null ? 600 : d.getTimeoutSeconds()),
                    !Boolean.FALSE.equals(d.getDeleteEmptyDirData()));
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot read NfvOperatorConfig %s (%s); draining with the defaults", NfvOperatorConfig.SINGLETON_NAME, e.getMessage());
            return DrainSettings.DEFAULT;
        }
    }

    @Override
    public DrainResult drain(DrainSettings settings) {
        // A refused eviction (429) must come back at once: the client's own retries on 429 would
        // stretch each round and overrun the drain timeout. Drains are rare; this client lives for one.
        Config noRetries = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient evictor = new KubernetesClientBuilder().withConfig(noRetries).build()) {
            return drain(settings, evictor);
        }
    }

    private DrainResult drain(DrainSettings settings, KubernetesClient evictor) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long pause = 500;
        while (true) {
            List<Pod> pods = podsToEvict();
            if (pods.isEmpty()) {
                return new DrainResult(true, "drained");
            }
            if (!settings.deleteEmptyDirData()) {
                List<String> local = pods.stream().filter(KubernetesNodeControl::hasEmptyDir).map(KubernetesNodeControl::name).toList();
                if (!local.isEmpty()) {
                    return new DrainResult(false, "pods with emptyDir data " + local
                            + " are not evicted (NfvOperatorConfig spec.drain.deleteEmptyDirData is false)");
                }
            }
            List<String> blocked = new ArrayList<>();
            for (Pod p : pods) {
                if (p.getMetadata().getDeletionTimestamp() != null) {
                    continue; // evicted, terminating
                }
                if (!evict(evictor, p)) {
                    blocked.add(name(p));
                }
            }
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                List<String> left = podsToEvict().stream().map(KubernetesNodeControl::name).toList();
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
    private boolean evict(KubernetesClient evictor, Pod p) {
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

    private List<Pod> podsToEvict() {
        return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems().stream()
                .filter(KubernetesNodeControlFilters::evicted)
                .toList();
    }

    private static boolean hasEmptyDir(Pod p) {
        List<Volume> vols = p.getSpec() == null ? null : p.getSpec().getVolumes();
        return vols != null && vols.stream().anyMatch(v -> v.getEmptyDir() != null);
    }

    private static String name(Pod p) {
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
