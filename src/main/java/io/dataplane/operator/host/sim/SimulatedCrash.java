package io.dataplane.operator.host.sim;

/**
 * Thrown by the simulated kernel right after it applied a write, to stop the caller there as if
 * the agent process died. An Error, so the agent's error handling cannot swallow it.
 */
public class SimulatedCrash extends Error {

    public SimulatedCrash(String message) {
        super(message);
    }
}
