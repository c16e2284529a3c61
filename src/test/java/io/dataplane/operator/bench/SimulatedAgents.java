package io.dataplane.operator.bench;

import static org.awaitility.Awaitility.await;

import io.dataplane.operator.agent.SimulatedFleet;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The one place the benchmark touches the node agent: simulated agents for the fleet's nodes in this
 * JVM ({@link SimulatedFleet}, the agent package's entry point for this), each with its own simulated
 * host below {@code dir}, all talking to {@code ovsdb} and to the API as the client's user. The
 * operator runs in its own process, so its memory is measured alone.
 */
final class SimulatedAgents implements AutoCloseable {
    private final SimulatedFleet fleet;

    private SimulatedAgents(SimulatedFleet fleet) {
        this.fleet = fleet;
    }

    static SimulatedAgents start(KubernetesClient client, List<String> nodes, Path dir, int threads, Path ovsdbSocket,
            String namespace) {
        SimulatedFleet.Options options = new SimulatedFleet.Options()
                .dir(dir)
                .threads(threads)
                .namespace(namespace)
                .ovs(node -> OvsConnector.unixSocket(ovsdbSocket, Duration.ofSeconds(30)));
        SimulatedFleet fleet = SimulatedFleet.start(client, nodes, options);
        // As on a cluster where the agents ran before any policy: up, capabilities published, states registered and reported.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(fleet::ready);
        return new SimulatedAgents(fleet);
    }

    /** Status writes the agents made (their own count; the audit log has the API's). */
    long statusWrites() {
        return fleet.statusWrites();
    }

    @Override
    public void close() {
        fleet.close();
    }
}
