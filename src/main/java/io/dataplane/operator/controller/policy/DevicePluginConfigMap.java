package io.dataplane.operator.controller.policy;

import io.dataplane.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The sriov-network-device-plugin ConfigMap: one key per node (the node's name) whose value is that
 * node's {@code {"resourceList":[...]}}. The device plugin DaemonSet mounts the whole map and starts the
 * plugin with {@code --config-file=/etc/pcidp/$(NODE_NAME)}. Node reconciles write only their own key,
 * through one {@link ConfigMapKeyWriter} that batches concurrent keys into one merge patch.
 */
@ApplicationScoped
public class DevicePluginConfigMap {
    public static final String NAME = "device-plugin-config";
    static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/managed-by", "dataplane-operator",
            "app.kubernetes.io/component", "sriov-device-plugin");

    private final OperatorSettings settings;
    private final ConfigMapKeyWriter writer;

    public DevicePluginConfigMap(KubernetesClient client, OperatorSettings settings) {
        this.settings = settings;
        this.writer = new ConfigMapKeyWriter(client, settings.namespace(), NAME, LABELS);
    }

    public String namespace() {
        return settings.namespace();
    }

    /** Sets the node's key unless {@code cached} already holds exactly that value. True if it wrote. */
    public boolean put(String node, String config, ConfigMap cached) {
        if (cached != null && cached.getData() != null && config.equals(cached.getData().get(node))) {
            return false;
        }
        writer.write(Map.of(node, config));
        return true;
    }

    /** Removes the keys of nodes that are gone. True if it wrote. */
    public boolean remove(Collection<String> nodes, ConfigMap cached) {
        if (cached == null || cached.getData() == null || nodes.stream().noneMatch(cached.getData()::containsKey)) {
            return false;
        }
        Map<String, String> removals = new HashMap<>();
        nodes.stream().filter(cached.getData()::containsKey).forEach(n -> removals.put(n, null));
        writer.write(removals);
        return true;
    }
}
