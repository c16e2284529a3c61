package io.dataplane.operator.runtime;

import io.dataplane.operator.agent.AgentMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Locale;

/**
 * One artifact, two processes. {@code DATAPLANE_MODE=agent} (or {@code -Ddataplane.mode=agent}) starts
 * the node agent, plain Java, before Quarkus would boot: the agent runs on every node and needs none of
 * the operator's extensions. Anything else boots Quarkus and the operator.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) throws Exception {
        if (agentMode(System.getProperty("dataplane.mode"), System.getenv("DATAPLANE_MODE"))) {
            AgentMain.main(args);
        } else {
            Quarkus.run(args);
        }
    }

    /** The system property wins over the environment, as in the rest of the configuration. */
    static boolean agentMode(String property, String env) {
        String mode = property != null ? property : env;
        if (mode == null || mode.isBlank() || mode.trim().equalsIgnoreCase("operator")) {
            return false;
        }
        if (mode.trim().toLowerCase(Locale.ROOT).equals("agent")) {
            return true;
        }
        throw new IllegalArgumentException("dataplane.mode (DATAPLANE_MODE): " + mode + " is not one of operator, agent");
    }
}
