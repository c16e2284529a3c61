package io.dataplane.operator.controller.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.Map;

/**
 * The sriov-network-device-plugin ConfigMap: one key per node (the node's name) whose value is that
 * node's {@code {"resourceList":[...]}}. The device plugin DaemonSet mounts the whole map and starts the
 * plugin with {@code --config-file=/etc/pcidp/$(NODE_NAME)}. Each node reconcile writes only its own key
 * with a JSON merge patch, so concurrent reconciles of different nodes never overwrite each other and
 * need no resourceVersion.
 */
@ApplicationScoped
public class DevicePluginConfigMap {
    public static final String NAME = "device-plugin-config";
    static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/managed-by", "dataplane-operator",
            "app.kubernetes.io/component", "sriov-device-plugin");

    private final KubernetesClient client;
    private final OperatorSettings settings;

    public DevicePluginConfigMap(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    public String namespace() {
        return settings.namespace();
    }

    /** Sets the node's key unless {@code cached} already holds exactly that value. True if it wrote. */
    public boolean put(String node, String config, ConfigMap cached) {
        if (cached != null && cached.getData() != null && config.equals(cached.getData().get(node))) {
            return false;
        }
        if (cached == null) {
            try {
                client.configMaps().inNamespace(namespace()).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(NAME).withNamespace(namespace()).withLabels(LABELS).endMetadata()
                        .addToData(node, config)
                        .build()).create();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Another node's reconcile created it a moment ago: fall through to the per-key patch.
            }
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("data").put(node, config);
        client.configMaps().inNamespace(namespace()).withName(NAME)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return true;
    }

    /** Removes the keys of nodes that are gone. True if it wrote. */
    public boolean remove(Collection<String> nodes, ConfigMap cached) {
        if (cached == null || cached.getData() == null || nodes.stream().noneMatch(cached.getData()::containsKey)) {
            return false;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode data = patch.putObject("data");
        nodes.stream().filter(cached.getData()::containsKey).forEach(data::putNull);
        client.configMaps().inNamespace(namespace()).withName(NAME)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return true;
    }
}
