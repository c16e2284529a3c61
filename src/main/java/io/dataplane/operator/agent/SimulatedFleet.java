package io.dataplane.operator.agent;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.apply.RecordingHostCommands;
import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.DrainSettingsSource;
import io.dataplane.operator.agent.cluster.KubernetesNodeControl;
import io.dataplane.operator.agent.cluster.NodeControl;
import io.dataplane.operator.agent.cluster.StateRegistrar;
import io.dataplane.operator.agent.cluster.StatusWriter;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.host.sim.SimulatedKernelHostFs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Many simulated node agents in one process: each node has its own host root with a simulated
 * kernel ({@link SimulatedKernelHostFs}), its own owned-state file and recorded host commands, and
 * talks to the real API (its NfvNodeState, cordon and drain of its Node, capability labels). They
 * share one NfvNodeState informer, one drain settings watch and a few worker threads. Used by
 * {@code make run}, the scale benchmark and integration tests; needs nothing from Quarkus.
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.start(client, List.of("worker-0", "worker-1"),
 *         HardwareProfile.INTEL_E810, HardwareProfile.MELLANOX_CX5)) { ... }
 * }</pre>
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedFleet.class);
    /** Host commands a simulated node "ran", one per line, below its root. */
    public static final String COMMAND_LOG = "var/log/dataplane-agent/host-commands.log";

    /** How to simulate; every field has a usable default. */
    public static final class Options {
        Path dir;
        SimulatedHosts.Factory hosts = SimulatedHosts.named("bare-metal");
        int threads = 4;
        boolean serverSideApply = true;
        boolean publishCapabilities = true;
        boolean registerStates = true;
        String namespace = "dataplane-operator";
        Duration resync = Duration.ofMinutes(5);
        Function<String, OvsConnector> ovs = node -> OvsConnector.none("no OVSDB on a simulated node");
        BiFunction<KubernetesClient, String, NodeControl> nodeControl;

        /** Directory holding one host root per node (default: a new temporary directory). */
        public Options dir(Path dir) {
            this.dir = dir;
            return this;
        }

        public Options hosts(SimulatedHosts.Factory hosts) {
            this.hosts = hosts;
            return this;
        }

        public Options threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Server-side apply for status (real API servers) or a JSON patch (the fabric8 mock server). */
        public Options serverSideApply(boolean ssa) {
            this.serverSideApply = ssa;
            return this;
        }

        public Options publishCapabilities(boolean publish) {
            this.publishCapabilities = publish;
            return this;
        }

        /** Each agent creates its node's state when there is none ({@link StateRegistrar}). */
        public Options registerStates(boolean register) {
            this.registerStates = register;
            return this;
        }

        /** Namespace for NFD NodeFeature objects. */
        public Options namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Options resync(Duration resync) {
            this.resync = resync;
            return this;
        }

        /** OVSDB per node (default: none, so the OVS step reports OvsUnreachable when asked for). */
        public Options ovs(Function<String, OvsConnector> ovs) {
            this.ovs = ovs;
            return this;
        }

        /** Cordon and drain (default: the node's real Node object through the API, drain settings from the fleet's watch). */
        public Options nodeControl(BiFunction<KubernetesClient, String, NodeControl> nodeControl) {
            this.nodeControl = nodeControl;
            return this;
        }
    }

    private record Member(SimulatedKernelHostFs host, RecordingHostCommands commands, AgentLoop loop) {
    }

    private final Path dir;
    private final Map<String, Member> members;
    private final ScheduledExecutorService pool;
    private final SharedIndexInformer<NfvNodeState> informer;
    private final DrainSettingsSource drainSettings;

    private SimulatedFleet(Path dir, Map<String, Member> members, ScheduledExecutorService pool,
            SharedIndexInformer<NfvNodeState> informer, DrainSettingsSource drainSettings) {
        this.dir = dir;
        this.members = members;
        this.pool = pool;
        this.informer = informer;
        this.drainSettings = drainSettings;
    }

    /** Bare-metal nodes with these NICs (card i on NUMA node i % 2), status by server-side apply. */
    public static SimulatedFleet start(KubernetesClient client, List<String> nodes, HardwareProfile... nics) {
        return start(client, nodes, new Options().hosts(SimulatedHosts.bareMetal(nics)));
    }

    public static SimulatedFleet start(KubernetesClient client, List<String> nodes, Options options) {
        Path dir = options.dir != null ? options.dir : tempDir();
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(Math.max(1, options.threads), r -> {
            Thread t = new Thread(r, "sim-agent-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        StatusWriter writer = options.serverSideApply ? StatusWriter.serverSideApply(client) : StatusWriter.jsonPatch(client);
        // One watch for the fleet, as for one real agent: the settings are the same for every node.
        DrainSettingsSource drainSettings = options.nodeControl == null ? DrainSettingsSource.watch(client) : null;
        BiFunction<KubernetesClient, String, NodeControl> nodeControl = options.nodeControl != null ? options.nodeControl
                : (c, node) -> new KubernetesNodeControl(c, node, drainSettings);
        StateRegistrar registrar = options.registerStates ? StateRegistrar.forCluster(client) : null;
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, AgentLoop> loops = new LinkedHashMap<>();
        // One API discovery for the fleet, not one per node (a thousand 404s at start otherwise).
        boolean nodeFeatures = options.publishCapabilities && CapabilityPublisher.nodeFeaturesServed(client);
        for (String node : nodes) {
            Path root = dir.resolve(node);
            wipeVolatile(root); // a root left by an earlier run comes back as after a reboot
            SimulatedKernelHostFs host = options.hosts.build(node, root);
            prepareHost(host, root);
            RecordingHostCommands commands = new RecordingHostCommands(call -> journal(root, call));
            CapabilityPublisher publisher = options.publishCapabilities
                    ? CapabilityPublisher.forNode(client, node, options.namespace, nodeFeatures) : null;
            NodeAgent agent = new NodeAgent(node, host, AgentPaths.defaults(), commands, options.ovs.apply(node),
                    nodeControl.apply(client, node), publisher);
            AgentLoop loop = new AgentLoop(agent, writer, publisher, registrar, pool, pool, options.resync);
            members.put(node, new Member(host, commands, loop));
            loops.put(node, loop);
        }
        // One node: watch only its own state, as a real agent does (so one simulated agent costs what a real one does).
        SharedIndexInformer<NfvNodeState> informer = loops.size() == 1
                ? StateEvents.single(client, loops.values().iterator().next())
                : StateEvents.shared(client, loops);
        LOG.infof("simulating %d node agents with host roots in %s", nodes.size(), dir);
        return new SimulatedFleet(dir, members, pool, informer, drainSettings);
    }

    /** The directory holding the nodes' host roots ({@code <dir>/<node>}). */
    public Path dir() {
        return dir;
    }

    public List<String> nodes() {
        return List.copyOf(members.keySet());
    }

    public SimulatedKernelHostFs host(String node) {
        return member(node).host();
    }

    public RecordingHostCommands commands(String node) {
        return member(node).commands();
    }

    public AgentLoop loop(String node) {
        return member(node).loop();
    }

    /** True when every simulated agent finished its first reconcile (or has no state). */
    public boolean ready() {
        return members.values().stream().allMatch(m -> m.loop().ready());
    }

    /** Status writes by all agents so far. */
    public long statusWrites() {
        return members.values().stream().mapToLong(m -> m.loop().statusWrites()).sum();
    }

    @Override
    public void close() {
        informer.close();
        if (drainSettings != null) {
            drainSettings.close();
        }
        members.values().forEach(m -> m.loop().close());
        pool.shutdownNow();
    }

    private Member member(String node) {
        Member m = members.get(node);
        if (m == null) {
            throw new IllegalArgumentException("not a simulated node: " + node);
        }
        return m;
    }

    /**
     * What a reboot resets: sysfs, /dev and /proc go (a new boot id with them); /etc and /var (the
     * agent's state file, the kubelet drop-in) stay. Build the host again on the same root after it.
     */
    public static void wipeVolatile(Path root) {
        for (String d : List.of("sys", "dev", "proc")) {
            Path p = root.resolve(d);
            if (!Files.exists(p)) {
                continue;
            }
            try (var walk = Files.walk(p)) {
                for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a real node has besides sysfs: a boot id and the kubelet's main configuration. */
    private static void prepareHost(SimulatedKernelHostFs host, Path root) {
        try {
            Path bootId = root.resolve(AgentPaths.BOOT_ID.substring(1));
            if (!Files.exists(bootId)) {
                Files.createDirectories(bootId.getParent());
                Files.writeString(bootId, UUID.randomUUID() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String kubelet = AgentPaths.defaults().kubeletConfig();
        if (!host.exists(kubelet)) {
            host.writeFile(kubelet, """
                    apiVersion: kubelet.config.k8s.io/v1beta1
                    kind: KubeletConfiguration
                    cpuManagerPolicy: none
                    topologyManagerPolicy: none
                    """);
        }
    }

    private static void journal(Path root, String call) {
        try {
            Path log = root.resolve(COMMAND_LOG);
            Files.createDirectories(log.getParent());
            Files.writeString(log, "systemctl " + call + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dataplane-sim-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
