package io.dataplane.operator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.apply.SystemdHostCommands;
import io.dataplane.operator.config.AgentSettings;
import io.dataplane.operator.host.RootedHostFs;
import io.dataplane.operator.runtime.ChaChaFirstHttpClientFactory;
import io.dataplane.operator.runtime.SkipManagedFields;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;

/**
 * The node agent process ({@code DATAPLANE_MODE=agent}, started by {@code runtime.Main} before Quarkus
 * would boot): one agent for {@code NODE_NAME} with the host root at {@code /host}, or, when
 * {@code dataplane.agent.simulate.nodes} is set, a {@link SimulatedFleet} of those nodes; and the
 * health endpoints.
 *
 * <p>Plain Java because it runs on every node: without Quarkus, Vert.x and Micrometer, and with the
 * JDK's HTTP client, it loads ~5,800 classes instead of ~10,000 and idles at 86 MiB instead of 129
 * (docs/agent.md, Figures).
 */
public final class AgentMain implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentMain.class);
    private static final Duration OVSDB_TIMEOUT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private volatile NodeAgentService service;
    private volatile SimulatedFleet fleet;
    private AgentHealthServer health;

    private AgentMain(KubernetesClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws InterruptedException {
        AgentSettings settings = AgentSettings.load();
        AgentLogging.configure(settings.logLevel());
        AgentMain agent = start(settings, client());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        stopped.await();
    }

    /**
     * The cluster client: the JDK's HTTP client, and a serialization that knows only the kinds the agent
     * uses (each registered when first used), not every kind on the class path (~500 classes).
     */
    static KubernetesClient client() {
        return client(Config.autoConfigure(null));
    }

    /** The agent's client for this configuration (tests point it at a mock server). */
    static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new ChaChaFirstHttpClientFactory(config))
                .withKubernetesSerialization(serialization()).build();
    }

    /**
     * What the agent's client reads and writes with: kinds registered when first used, and
     * {@code managedFields} skipped when read ({@link SkipManagedFields}).
     */
    public static KubernetesSerialization serialization() {
        return new KubernetesSerialization(new ObjectMapper().registerModule(new SkipManagedFields()), false);
    }

    /** Starts the agents the settings ask for and the health endpoints; {@link #close} stops them and the client. */
    public static AgentMain start(AgentSettings settings, KubernetesClient client) {
        AgentMain main = new AgentMain(client);
        try {
            main.startAgents(settings);
            main.health = AgentHealthServer.start(settings.health().host(), settings.health().port(), main::ready);
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
        return main;
    }

    private void startAgents(AgentSettings a) {
        boolean ssa = a.statusPatch() == AgentSettings.StatusPatch.APPLY;
        if (a.simulate().nodes().isPresent()) {
            List<String> nodes = a.simulate().nodes().get();
            SimulatedFleet.Options o = new SimulatedFleet.Options().hosts(SimulatedHosts.named(a.simulate().host()))
                    .threads(a.simulate().threads()).serverSideApply(ssa).publishCapabilities(a.publishCapabilities())
                    .registerStates(a.registerState()).namespace(a.namespace()).resync(a.resync());
            a.simulate().dir().map(Path::of).ifPresent(o::dir);
            a.simulate().ovsdbSocketDir().map(Path::of).ifPresent(dir -> o.ovs(
                    n -> OvsConnector.unixSocket(dir.resolve(n + ".sock"), OVSDB_TIMEOUT)));
            fleet = SimulatedFleet.start(client, nodes, o);
            return;
        }
        String node = a.nodeName().orElseThrow(() -> new IllegalStateException(
                "agent mode needs the node name: set NODE_NAME (downward API spec.nodeName) or dataplane.agent.simulate.nodes"));
        Path root = Path.of(a.hostRoot());
        RootedHostFs host = new RootedHostFs(root);
        OvsConnector ovs = a.ovsdbSocket().equals("none") ? OvsConnector.none("OVS disabled (dataplane.agent.ovsdb-socket=none)")
                : OvsConnector.unixSocket(host.resolve(a.ovsdbSocket()), OVSDB_TIMEOUT);
        LOG.infof("agent for node %s, host root %s", node, root);
        AgentPaths paths = new AgentPaths(a.stateDir(), a.kubeletDropInDir(), a.kubeletConfig(), a.kubeletStateDir());
        service = NodeAgentService.start(client, new NodeAgentService.Config(node, host, paths,
                new SystemdHostCommands(a.hostCommandPrefix(), Duration.ofMinutes(2)), ovs, ssa, a.publishCapabilities(),
                a.registerState(), a.namespace(), a.resync()));
    }

    /** True once every agent of this process re-applied its node's state. */
    public boolean ready() {
        NodeAgentService s = service;
        SimulatedFleet f = fleet;
        return (s != null && s.ready()) || (f != null && f.ready());
    }

    /** The simulated fleet, when this process simulates nodes. */
    public SimulatedFleet fleet() {
        return fleet;
    }

    /** The port the health endpoints are served on. */
    public int healthPort() {
        return health.port();
    }

    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
        if (service != null) {
            service.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        client.close();
    }
}
