package io.dataplane.operator.agent;

import io.dataplane.operator.config.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.health.api.HealthGroup;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The agent pod is ready once it re-applied its node's NfvNodeState (after a reboot too), so a
 * DaemonSet rollout does not move on while a node is still being put back. Always up in operator
 * mode: there it has nothing to say.
 *
 * <p>In agent mode it is the only readiness check: {@link AgentHealthConfig} turns off
 * quarkus-operator-sdk's, which reports the operator agent mode never starts. Also in the health
 * group {@code agent} ({@code /q/health/group/agent}), the path the agent DaemonSet's probe uses:
 * it holds this check alone, whatever other extensions add to {@code /q/health/ready}.
 */
@Readiness
@HealthGroup("agent")
@ApplicationScoped
public class AgentReadiness implements HealthCheck {

    @Inject
    OperatorSettings settings;

    @Inject
    AgentRunner runner;

    @Override
    public HealthCheckResponse call() {
        if (settings.mode() != OperatorSettings.Mode.AGENT) {
            return HealthCheckResponse.up("agent");
        }
        return HealthCheckResponse.named("agent").status(runner.ready()).build();
    }
}
