package io.dataplane.operator.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings of the node agent ({@code DATAPLANE_MODE=agent}), from system properties and the
 * environment ({@code -Ddataplane.agent.node-name} or {@code DATAPLANE_AGENT_NODE_NAME}); every one
 * has a default. The agent runs without Quarkus ({@code agent.AgentMain}), so {@link #load} builds
 * the mapping with SmallRye Config alone.
 */
@ConfigMapping(prefix = "dataplane.agent")
public interface AgentSettings {

    /** Reads the settings from system properties, then the environment, then the given sources (tests). */
    static AgentSettings load(ConfigSource... sources) {
        // Durations as Quarkus reads them ("5m", "30s"), so the agent's settings read as the operator's do.
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addSystemSources()
                .withConverter(Duration.class, 200, new DurationConverter()).withSources(sources)
                .withMapping(AgentSettings.class).build();
        return config.getConfigMapping(AgentSettings.class);
    }

    /** The node this agent serves: NODE_NAME, from the downward API (spec.nodeName). */
    @WithDefault("${NODE_NAME:}")
    Optional<String> nodeName();

    /** Namespace of the install, where an NFD NodeFeature goes: OPERATOR_NAMESPACE (downward API). */
    @WithDefault("${OPERATOR_NAMESPACE:dataplane-operator}")
    String namespace();

    /** Where the host's / is mounted in the agent pod; every host access goes below it. */
    @WithDefault("${DATAPLANE_HOST_ROOT:/host}")
    String hostRoot();

    /** OVSDB unix socket, as a host path (below the host root); "none" turns the OVS step off. */
    @WithDefault("/var/run/openvswitch/db.sock")
    String ovsdbSocket();

    /** How status is written: server-side apply (real API servers) or a JSON patch (the fabric8 mock server). */
    @WithDefault("apply")
    StatusPatch statusPatch();

    enum StatusPatch {
        APPLY,
        JSON_PATCH
    }

    /** Re-read the host this often even without a spec change (link state, OVS interface errors). */
    @WithDefault("5m")
    Duration resync();

    /** Host directory of the agent's own state (what it owns, for revert after a restart). */
    @WithDefault("/var/lib/dataplane-agent")
    String stateDir();

    /** Kubelet drop-in directory (--config-dir); the agent writes one file there. */
    @WithDefault("/etc/kubernetes/kubelet.conf.d")
    String kubeletDropInDir();

    /** The kubelet's main configuration file, read to report the settings in effect. */
    @WithDefault("/var/lib/kubelet/config.yaml")
    String kubeletConfig();

    /** Kubelet state directory holding cpu_manager_state. */
    @WithDefault("/var/lib/kubelet")
    String kubeletStateDir();

    /** Prefix that runs systemctl in the host's namespaces (the pod needs hostPID). */
    @WithDefault("nsenter,--target,1,--mount,--uts,--ipc,--net,--pid,--")
    List<String> hostCommandPrefix();

    /** Publish node capabilities (NFD NodeFeature when its CRD exists, else node labels). */
    @WithDefault("true")
    boolean publishCapabilities();

    /**
     * Create the node's NfvNodeState (without a spec) when it has none, so the host's inventory is
     * reported before any policy selects the node; false leaves creating it to the operator.
     */
    @WithDefault("true")
    boolean registerState();

    /** Log level of the agent: error, warn, info, debug or trace. */
    @WithDefault("info")
    String logLevel();

    /** The health endpoints ({@code /q/health/live}, {@code /q/health/ready}, {@code /q/health/group/agent}). */
    Health health();

    interface Health {
        /** Port; the agent runs on the host network, so it is a host port. */
        @WithDefault("8095")
        int port();

        @WithDefault("0.0.0.0")
        String host();
    }

    /** Simulated agents in this process instead of one real one (make run, scale benchmark). */
    Simulate simulate();

    interface Simulate {
        /** Nodes to simulate; when set, the agent simulates these instead of serving NODE_NAME. */
        Optional<List<String>> nodes();

        /** Host layout of every simulated node: bare-metal (E810 + ConnectX-5 + QAT) or vm (virtio-net). */
        @WithDefault("bare-metal")
        String host();

        /** Directory holding one host root per node; a temporary directory when unset. */
        Optional<String> dir();

        /** Worker threads shared by the simulated agents. */
        @WithDefault("4")
        int threads();

        /** Directory with one real ovsdb-server socket per node, {@code <node>.sock}; without it OVS is unreachable. */
        Optional<String> ovsdbSocketDir();
    }
}
