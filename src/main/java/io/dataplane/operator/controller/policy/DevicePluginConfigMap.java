package io.dataplane.operator.controller.policy;

import io.dataplane.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The sriov-network-device-plugin ConfigMap: one key per node (the node's name) whose value is that
 * node's {@code {"resourceList":[...]}}. The device plugin DaemonSet mounts the whole map and starts the
 * plugin with {@code --config-file=/etc/pcidp/$(NODE_NAME)}. Node reconciles set only their own key,
 * through one {@link ConfigMapKeyWriter} that batches concurrent keys into one merge patch in the
 * background; a key queued but not yet written counts as written, so a reconcile that comes before the
 * cache shows it does not queue it again.
 */
@ApplicationScoped
public class DevicePluginConfigMap {
    public static final String NAME = "device-plugin-config";
    static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/managed-by", "dataplane-operator",
            "app.kubernetes.io/component", "sriov-device-plugin");

    private final OperatorSettings settings;
    private final ConfigMapKeyWriter writer;

    @Inject
    public DevicePluginConfigMap(KubernetesClient client, OperatorSettings settings) {
        this(client, settings, Duration.ofSeconds(1));
    }

    /** @param firstBackoff the wait before retrying a failed patch, doubled per failure up to a minute */
    public DevicePluginConfigMap(KubernetesClient client, OperatorSettings settings, Duration firstBackoff) {
        this.settings = settings;
        this.writer = new ConfigMapKeyWriter(client, settings.namespace(), NAME, LABELS, firstBackoff);
    }

    public String namespace() {
        return settings.namespace();
    }

    /**
     * Queues the node's key unless it already holds (or is about to hold) exactly that value; returns at
     * once. True if it queued a write.
     */
    public boolean put(String node, String config, ConfigMap cached) {
        if (writer.isQueued(node)) {
            if (writer.isQueuedAs(node, config)) {
                return false;
            }
        } else if (cached != null && cached.getData() != null && config.equals(cached.getData().get(node))) {
            return false;
        }
        writer.submit(Map.of(node, config));
        return true;
    }

    /** Queues the removal of the keys of nodes that are gone. True if it queued one. */
    public boolean remove(Collection<String> nodes, ConfigMap cached) {
        if (cached == null || cached.getData() == null) {
            return false;
        }
        Map<String, String> removals = new HashMap<>();
        nodes.stream().filter(cached.getData()::containsKey).filter(n -> !writer.isQueuedAs(n, null))
                .forEach(n -> removals.put(n, null));
        if (removals.isEmpty()) {
            return false;
        }
        writer.submit(removals);
        return true;
    }

    @PreDestroy
    void close() {
        writer.close();
    }
}
