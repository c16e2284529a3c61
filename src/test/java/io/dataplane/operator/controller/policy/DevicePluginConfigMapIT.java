package io.dataplane.operator.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.render.components.DevicePluginNodeConfig;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The device plugin's per-node keys on a real API server, which refuses a ConfigMap over 1 MiB. */
@WithControlPlane
class DevicePluginConfigMapIT {
    static final int MIB = 1 << 20;

    @Test
    void keysOfMoreNodesThanOneConfigMapHoldsAreAllWritten(KubernetesClient client, TestNamespace ns) {
        // 1,600 nodes' keys of ~720 B, 1.1 MiB in all: the benchmark's nodes carry ~700 B each.
        List<String> nodes = IntStream.range(0, 1600).mapToObj(i -> "worker-" + i).toList();
        String value = "{\"resourceList\":[" + "x".repeat(700) + "]}";
        DevicePluginConfigMap maps = new DevicePluginConfigMap(client, ns.name(), Duration.ofMillis(200));
        try {
            nodes.forEach(n -> maps.put(n, value, null));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(keys(client, ns.name())).hasSize(nodes.size()));

            List<ConfigMap> written = client.configMaps().inNamespace(ns.name()).withLabelSelector(DevicePluginConfigMap.SELECTOR)
                    .list().getItems();
            assertThat(written.stream().mapToLong(DevicePluginConfigMapIT::dataBytes).sum()).isGreaterThan(MIB);
            assertThat(written).allSatisfy(cm -> {
                assertThat(dataBytes(cm)).as("size of %s", cm.getMetadata().getName()).isLessThan(MIB / 4);
                assertThat(cm.getData().keySet()).allSatisfy(n -> assertThat(DevicePluginNodeConfig.mapOf(n))
                        .isEqualTo(cm.getMetadata().getName()));
            });
        } finally {
            maps.close();
        }
    }

    private static Map<String, String> keys(KubernetesClient client, String namespace) {
        Map<String, String> keys = new HashMap<>();
        client.configMaps().inNamespace(namespace).withLabelSelector(DevicePluginConfigMap.SELECTOR).list().getItems()
                .forEach(cm -> keys.putAll(cm.getData() == null ? Map.of() : cm.getData()));
        return keys;
    }

    private static long dataBytes(ConfigMap cm) {
        return cm.getData() == null ? 0 : cm.getData().entrySet().stream()
                .mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }
}
