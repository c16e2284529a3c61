package io.dataplane.operator.agent;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.apply.SystemdHostCommands;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.host.RootedHostFs;
import io.dataplane.operator.runtime.ModeStarter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the agent when the process runs in agent mode ({@code DATAPLANE_MODE=agent}): one agent
 * for {@code NODE_NAME} with the host root mounted at {@code /host}, or, when
 * {@code dataplane.agent.simulate.nodes} is set, a {@link SimulatedFleet} of those nodes.
 */
@ApplicationScoped
public class AgentRunner {

    private static final Logger LOG = Logger.getLogger(AgentRunner.class);

    private volatile NodeAgentService service;
    private volatile SimulatedFleet fleet;

    void onAgentMode(@Observes ModeStarter.AgentModeStarted event, OperatorSettings settings, KubernetesClient client) {
        OperatorSettings.Agent a = settings.agent();
        boolean ssa = a.statusPatch() == OperatorSettings.Agent.StatusPatch.APPLY;
        AgentPaths paths = new AgentPaths(a.stateDir(), a.kubeletDropInDir(), a.kubeletConfig(), a.kubeletStateDir());
        if (a.simulate().nodes().isPresent()) {
            List<String> nodes = a.simulate().nodes().get();
            SimulatedFleet.Options o = new SimulatedFleet.Options().hosts(SimulatedHosts.named(a.simulate().host()))
                    .threads(a.simulate().threads()).serverSideApply(ssa).publishCapabilities(a.publishCapabilities())
                    .namespace(settings.namespace()).resync(a.resync());
            a.simulate().dir().map(Path::of).ifPresent(o::dir);
            a.simulate().ovsdbSocketDir().map(Path::of).ifPresent(dir -> o.ovs(
                    n -> OvsConnector.unixSocket(dir.resolve(n + ".sock"), Duration.ofSeconds(10))));
            fleet = SimulatedFleet.start(client, nodes, o);
            return;
        }
        String node = a.nodeName().orElseThrow(() -> new IllegalStateException(
                "agent mode needs the node name: set NODE_NAME (downward API spec.nodeName) or dataplane.agent.simulate.nodes"));
        Path root = Path.of(a.hostRoot());
        OvsConnector ovs = a.ovsdbSocket().equals("none") ? OvsConnector.none("OVS disabled (dataplane.agent.ovsdb-socket=none)")
                : OvsConnector.unixSocket(new RootedHostFs(root).resolve(a.ovsdbSocket()), Duration.ofSeconds(10));
        LOG.infof("agent for node %s, host root %s", node, root);
        service = NodeAgentService.start(client, new NodeAgentService.Config(node, new RootedHostFs(root), paths,
                new SystemdHostCommands(a.hostCommandPrefix(), Duration.ofMinutes(2)), ovs, ssa, a.publishCapabilities(),
                settings.namespace(), a.resync()));
    }

    /** Agent mode: true once every agent of this process re-applied its node's state. */
    public boolean ready() {
        NodeAgentService s = service;
        SimulatedFleet f = fleet;
        return (s != null && s.ready()) || (f != null && f.ready());
    }

    /** The simulated fleet, when this process simulates nodes. */
    public SimulatedFleet fleet() {
        return fleet;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (service != null) {
            service.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }
}
