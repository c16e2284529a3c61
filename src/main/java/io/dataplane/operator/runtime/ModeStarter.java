package io.dataplane.operator.runtime;

import io.dataplane.operator.config.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * Starts what this process is for. The operator's controllers start only in operator mode
 * (quarkus.operator-sdk.start-operator=false), so a node agent opens no cluster-wide informers.
 */
@ApplicationScoped
public class ModeStarter {
    private static final Logger LOG = Logger.getLogger(ModeStarter.class);

    /** Fired in agent mode; the agent package observes it. */
    public record AgentModeStarted() {
    }

    void onStart(@Observes StartupEvent event, OperatorSettings settings, Instance<Operator> operator,
            jakarta.enterprise.event.Event<AgentModeStarted> agentMode) {
        switch (settings.mode()) {
            case OPERATOR -> {
                LOG.info("starting in operator mode");
                // Looked up only here: an agent never builds the Operator and its controllers (class metadata).
                operator.get().start();
            }
            case AGENT -> {
                LOG.info("starting in agent mode");
                agentMode.fire(new AgentModeStarted());
            }
        }
    }
}
