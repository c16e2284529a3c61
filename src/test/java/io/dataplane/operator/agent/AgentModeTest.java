package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.policy.ApplyCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkiverse.operatorsdk.runtime.OperatorHealthCheck;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * The artifact in agent mode (DATAPLANE_MODE=agent): ModeStarter fires AgentModeStarted, AgentRunner
 * starts simulated agents as the settings say, and readiness follows them, on /q/health/ready too. On the mock server, so
 * status goes by JSON patch.
 */
@QuarkusTest
@TestProfile(AgentModeTest.AgentMode.class)
@WithKubernetesTestServer(crud = true, setup = ApplyCrds.class)
class AgentModeTest {

    public static class AgentMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dataplane.mode", "agent",
                    "dataplane.agent.simulate.nodes", "vm-0,vm-1",
                    "dataplane.agent.simulate.host", "vm",
                    "dataplane.agent.status-patch", "json-patch");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    AgentRunner runner;

    @Inject
    @Readiness
    AgentReadiness readiness;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    /** Before: 503 for ever, quarkus-operator-sdk's check reporting the operator agent mode never starts. */
    @Test
    void readinessEndpointIsTheAgentsOwn() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"agent\"").doesNotContain(OperatorHealthCheck.HEALTH_CHECK_NAME);
        });
    }

    @Test
    void agentModeRunsTheConfiguredSimulatedNodes() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(readiness.call().getStatus())
                .as("ready: no state yet, nothing to re-apply").isEqualTo(HealthCheckResponse.Status.UP));
        assertThat(runner.fleet().nodes()).containsExactly("vm-0", "vm-1");

        NfvNodeState s = new NfvNodeState();
        s.getMetadata().setName("vm-1");
        client.resource(s).create();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            NfvNodeState got = client.resources(NfvNodeState.class).withName("vm-1").get();
            assertThat(got.getStatus()).isNotNull();
            assertThat(got.getStatus().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
            assertThat(got.getStatus().getInventory().getNics()).extracting(n -> n.getDeviceClass()).containsExactly("virtio", "virtio");
            assertThat(got.getStatus().getInventory().getVfioNoIommu()).isFalse();
        });
    }
}
