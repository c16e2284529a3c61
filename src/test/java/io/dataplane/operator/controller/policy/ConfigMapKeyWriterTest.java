package io.dataplane.operator.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.render.components.DevicePluginNodeConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The device plugin map's writer: keys queued while a patch is in flight share the next patch, no GET
 * precedes a patch, the map is created on first use, and a failed patch is retried with the newest
 * values.
 */
class ConfigMapKeyWriterTest {
    static final String NS = "dataplane-operator";
    static final String NAME = DevicePluginNodeConfig.mapOf("node-a");
    static final String PATH = "/api/v1/namespaces/" + NS + "/configmaps/" + NAME;
    static final ObjectMapper JSON = new ObjectMapper();

    KubernetesMockServer server;
    KubernetesClient client;
    ConfigMapKeyWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    private KubernetesClient start(boolean useHttps) {
        server = new KubernetesMockServer(useHttps);
        server.init();
        client = server.createClient();
        return client;
    }

    private ConfigMapKeyWriter writer() {
        writer = new ConfigMapKeyWriter(client, NS, NAME, DevicePluginConfigMap.LABELS,
                Duration.ofMillis(50));
        return writer;
    }

    private void awaitIdle(ConfigMapKeyWriter w) {
        await().atMost(Duration.ofSeconds(30)).until(w::idle);
    }

    @Test
    void keysQueuedWhileAPatchIsInFlightShareTheNextPatchAndNoGet() throws Exception {
        start(false);
        // A slow API server: while the first patch is in flight every other caller queues behind it.
        server.expect().patch().delay(500, TimeUnit.MILLISECONDS).withPath(PATH)
                .andReturn(200, new ConfigMapBuilder().withNewMetadata().withName(NAME)
                        .endMetadata().build())
                .always();
        int callers = 32;
        ConfigMapKeyWriter writer = writer();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String node = "node-" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    writer.submit(Map.of(node, "{\"resourceList\":[]}"));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitIdle(writer);

        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(RecordedRequest::getMethod).containsOnly("PATCH");
        // One patch for the first key, then one (rarely two) for every key queued meanwhile.
        assertThat(requests).hasSizeBetween(2, 3);
        Set<String> keys = new HashSet<>();
        for (RecordedRequest r : requests) {
            assertThat(r.getHeader("Content-Type")).startsWith("application/merge-patch+json");
            JSON.readTree(r.getBody().readUtf8()).get("data").fieldNames().forEachRemaining(keys::add);
        }
        assertThat(keys).hasSize(callers);
    }

    @Test
    void createsTheMapOnFirstUseWithItsLabelsThenPatches() throws Exception {
        start(false);
        server.expect().patch().withPath(PATH).andReturn(404, "not found").once();
        server.expect().post().withPath("/api/v1/namespaces/" + NS + "/configmaps").andReturn(201, "{}").once();
        server.expect().patch().withPath(PATH).andReturn(200, "{}").once();
        ConfigMapKeyWriter writer = writer();

        writer.submit(Map.of("a", "1"));
        awaitIdle(writer);
        Map<String, String> change = new HashMap<>();
        change.put("a", null);
        change.put("b", "2");
        writer.submit(change);
        awaitIdle(writer);

        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(RecordedRequest::getMethod).containsExactly("PATCH", "POST", "PATCH");
        ConfigMap created = JSON.readValue(requests.get(1).getBody().readUtf8(), ConfigMap.class);
        assertThat(created.getMetadata().getName()).isEqualTo(NAME);
        assertThat(created.getMetadata().getLabels()).isEqualTo(DevicePluginConfigMap.LABELS);
        assertThat(created.getData()).isEqualTo(Map.of("a", "1"));
        // A removal is a null in the merge patch.
        assertThat(JSON.readTree(requests.get(2).getBody().readUtf8()).get("data").toString())
                .isEqualTo("{\"a\":null,\"b\":\"2\"}");
    }

    @Test
    void aFailedPatchIsRetriedWithTheNewestValuesAndQueuedKeysCountAsWritten() throws Exception {
        start(false);
        server.expect().patch().delay(300, TimeUnit.MILLISECONDS).withPath(PATH).andReturn(422, "too large").once();
        server.expect().patch().withPath(PATH).andReturn(200, new ConfigMapBuilder().withNewMetadata()
                .withName(NAME).endMetadata().build()).once();
        ConfigMapKeyWriter writer = writer();

        writer.submit(Map.of("a", "1", "b", "1"));
        // While the first patch is in flight, its keys are queued as written, and "a" changes again.
        assertThat(writer.isQueuedAs("a", "1")).isTrue();
        assertThat(writer.isQueued("c")).isFalse();
        writer.submit(Map.of("a", "2"));
        assertThat(writer.isQueuedAs("a", "2")).isTrue();
        awaitIdle(writer);

        List<RecordedRequest> requests = requests();
        assertThat(requests).extracting(RecordedRequest::getMethod).containsExactly("PATCH", "PATCH");
        JsonNode retried = JSON.readTree(requests.get(1).getBody().readUtf8()).get("data");
        assertThat(retried.get("a").asText()).as("the newer value wins").isEqualTo("2");
        assertThat(retried.get("b").asText()).as("the failed key is retried").isEqualTo("1");
        assertThat(writer.isQueued("a")).isFalse();
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            out.add(r);
        }
        return out;
    }
}
