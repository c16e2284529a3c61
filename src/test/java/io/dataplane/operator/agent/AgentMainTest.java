package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.config.AgentSettings;
import io.dataplane.operator.controller.policy.ApplyCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.smallrye.config.PropertiesConfigSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent process without Quarkus: settings start simulated agents, the health endpoints follow them,
 * and the log reads as the operator's. On the mock server, so status goes by JSON patch.
 */
@EnableKubernetesMockClient(crud = true)
class AgentMainTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void settingsStartTheSimulatedNodesAndReadinessFollowsThem() throws Exception {
        ApplyCrds.into(client);
        AgentSettings settings = AgentSettings.load(new PropertiesConfigSource(Map.of(
                "dataplane.agent.simulate.nodes", "vm-0,vm-1",
                "dataplane.agent.simulate.host", "vm",
                "dataplane.agent.simulate.dir", dir.toString(),
                "dataplane.agent.status-patch", "json-patch",
                "dataplane.agent.health.host", "127.0.0.1",
                "dataplane.agent.health.port", "0"), "test", 500));
        // The agent's own client (JDK HTTP, only the kinds it uses) against the mock server.
        try (AgentMain agent = AgentMain.start(settings, AgentMain.client(client.getConfiguration()))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + agent.healthPort();
            assertThat(get(http, base + "/q/health/live").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> ready = get(http, base + "/q/health/group/agent");
                assertThat(ready.statusCode()).as("ready: no state yet, nothing to re-apply").isEqualTo(200);
                assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"agent\",\"status\":\"UP\"}]}");
            });
            assertThat(get(http, base + "/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(agent.fleet().nodes()).containsExactly("vm-0", "vm-1");

            NfvNodeState s = new NfvNodeState();
            s.getMetadata().setName("vm-1");
            client.resource(s).create();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                NfvNodeState got = client.resources(NfvNodeState.class).withName("vm-1").get();
                assertThat(got.getStatus()).isNotNull();
                assertThat(got.getStatus().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
                assertThat(got.getStatus().getInventory().getNics()).extracting(n -> n.getDeviceClass()).containsExactly("virtio", "virtio");
            });
        }
    }

    @Test
    void aNodeAgentNeedsItsNodeName() {
        AgentSettings settings = AgentSettings.load(new PropertiesConfigSource(Map.of(
                "dataplane.agent.node-name", "", "dataplane.agent.health.port", "0"), "test", 500));
        assertThatThrownBy(() -> AgentMain.start(settings, client)).hasMessageContaining("NODE_NAME");
    }

    @Test
    void notReadyIs503WithTheCheckDown() throws Exception {
        try (AgentHealthServer server = AgentHealthServer.start("127.0.0.1", 0, () -> false)) {
            HttpResponse<String> r = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port() + "/q/health/group/agent");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"agent\",\"status\":\"DOWN\"}]}");
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            error, SEVERE
            warn,  WARNING
            INFO,  INFO
            debug, FINE
            trace, FINEST
            """)
    void logLevelsAsNfvOperatorConfigSpellsThem(String name, String jul) {
        assertThat(AgentLogging.level(name)).isEqualTo(Level.parse(jul));
    }

    @Test
    void anUnknownLogLevelIsRefusedByName() {
        assertThatThrownBy(() -> AgentLogging.level("verbose")).hasMessage(
                "dataplane.agent.log-level: verbose is not one of error, warn, info, debug, trace");
    }

    @Test
    void aLogLineReadsAsTheOperators() {
        LogRecord r = new LogRecord(Level.FINE, "node %s cordoned".formatted("w-1"));
        r.setLoggerName("io.dataplane.operator.agent.NodeAgent");
        String line = new AgentLogging.LineFormatter().format(r);
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} DEBUG \\[io.dataplane.operator.agent.NodeAgent\\] \\("
                + Thread.currentThread().getName().replace("[", "\\[").replace("]", "\\]") + "\\) node w-1 cordoned\n");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
