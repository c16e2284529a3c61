package io.dataplane.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's settings without Quarkus: defaults, and the environment variables the DaemonSet sets. */
class AgentSettingsTest {

    @Test
    void everySettingHasADefault() {
        AgentSettings s = AgentSettings.load(new EnvConfigSource(Map.of(), 300));
        assertThat(s.hostRoot()).isEqualTo("/host");
        assertThat(s.namespace()).isEqualTo("dataplane-operator");
        assertThat(s.health().port()).isEqualTo(8095);
        assertThat(s.resync()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.statusPatch()).isEqualTo(AgentSettings.StatusPatch.APPLY);
        assertThat(s.simulate().nodes()).isEmpty();
    }

    @Test
    void theEnvironmentOfAPodSetsThem() {
        AgentSettings s = AgentSettings.load(new EnvConfigSource(Map.of(
                "NODE_NAME", "worker-3",
                "OPERATOR_NAMESPACE", "nfv",
                "DATAPLANE_HOST_ROOT", "/hostfs",
                "DATAPLANE_AGENT_HEALTH_PORT", "9000",
                "DATAPLANE_AGENT_LOG_LEVEL", "debug",
                "DATAPLANE_AGENT_STATUS_PATCH", "json-patch",
                "DATAPLANE_AGENT_SIMULATE_NODES", "a,b"), 300));
        assertThat(s.nodeName()).contains("worker-3");
        assertThat(s.namespace()).isEqualTo("nfv");
        assertThat(s.hostRoot()).isEqualTo("/hostfs");
        assertThat(s.health().port()).isEqualTo(9000);
        assertThat(s.logLevel()).isEqualTo("debug");
        assertThat(s.statusPatch()).isEqualTo(AgentSettings.StatusPatch.JSON_PATCH);
        assertThat(s.simulate().nodes()).contains(List.of("a", "b"));
    }
}
