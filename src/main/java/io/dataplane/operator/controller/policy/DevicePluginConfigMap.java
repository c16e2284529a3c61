package io.dataplane.operator.controller.policy;

import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.render.components.DevicePluginNodeConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The sriov-network-device-plugin's per-node configuration: one key per node (the node's name) whose
 * value is that node's {@code {"resourceList":[...]}}, in the ConfigMap {@link DevicePluginNodeConfig}
 * assigns the node to (several maps, as one would outgrow the API server's 1 MiB). The device plugin
 * DaemonSet mounts them all and starts the plugin with {@code --config-file=/etc/pcidp/$(NODE_NAME)}.
 * Node reconciles set only their own key, through one {@link ConfigMapKeyWriter} per map that batches
 * concurrent keys into one merge patch in the background; a key queued but not yet written counts as
 * written, so a reconcile that comes before the cache shows it does not queue it again.
 */
@ApplicationScoped
public class DevicePluginConfigMap {
    /** Labels of the maps; the policy controller's informer selects on them. */
    public static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/managed-by", "dataplane-operator",
            "app.kubernetes.io/component", "sriov-device-plugin",
            "nfv.dataplane.io/config", "device-plugin-nodes");
    public static final String SELECTOR = LABELS.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));

    private final KubernetesClient client;
    private final String namespace;
    private final Duration firstBackoff;
    private final Map<String, ConfigMapKeyWriter> writers = new ConcurrentHashMap<>();

    @Inject
    public DevicePluginConfigMap(KubernetesClient client, OperatorSettings settings) {
        this(client, settings.namespace(), Duration.ofSeconds(1));
    }

    /** @param firstBackoff the wait before retrying a failed patch, doubled per failure up to a minute */
    public DevicePluginConfigMap(KubernetesClient client, String namespace, Duration firstBackoff) {
        this.client = client;
        this.namespace = namespace;
        this.firstBackoff = firstBackoff;
    }

    public String namespace() {
        return namespace;
    }

    /**
     * Queues the node's key unless it already holds (or is about to hold) exactly that value; returns at
     * once. {@code cached}: the node's map as the cache has it (null when absent). True if it queued a write.
     */
    public boolean put(String node, String config, ConfigMap cached) {
        ConfigMapKeyWriter writer = writer(DevicePluginNodeConfig.mapOf(node));
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

    /** Queues the removal of the keys of {@code nodes} that {@code cached} (one of the maps) holds. True if it queued one. */
    public boolean remove(Collection<String> nodes, ConfigMap cached) {
        if (cached == null || cached.getData() == null) {
            return false;
        }
        ConfigMapKeyWriter writer = writer(cached.getMetadata().getName());
        Map<String, String> removals = new HashMap<>();
        nodes.stream().filter(cached.getData()::containsKey).filter(n -> !writer.isQueuedAs(n, null))
                .forEach(n -> removals.put(n, null));
        if (removals.isEmpty()) {
            return false;
        }
        writer.submit(removals);
        return true;
    }

    private ConfigMapKeyWriter writer(String map) {
        return writers.computeIfAbsent(map, m -> new ConfigMapKeyWriter(client, namespace, m, LABELS, firstBackoff));
    }

    @PreDestroy
    void close() {
        writers.values().forEach(ConfigMapKeyWriter::close);
    }
}
