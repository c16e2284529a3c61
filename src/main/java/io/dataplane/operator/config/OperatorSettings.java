package io.dataplane.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Process-level settings of the operator, from application.properties and the environment.
 * Per-cluster settings a user changes at run time live in NfvOperatorConfig instead.
 */
@ConfigMapping(prefix = "dataplane")
public interface OperatorSettings {

    /** What this process is: the cluster-wide operator, or a node agent (same artifact, DATAPLANE_MODE=agent). */
    @WithDefault("operator")
    Mode mode();

    enum Mode {
        OPERATOR,
        AGENT
    }

    /** Namespace the operator runs in and deploys its components to. */
    @WithDefault("dataplane-operator")
    String namespace();

    /** Device plugin resource prefix used until NfvOperatorConfig says otherwise. */
    @WithDefault("dataplane.io")
    String resourcePrefix();

    /** Images of the components, from RELATED_IMAGE_* variables as OLM expects. */
    Images images();

    interface Images {
        String operator();

        String agent();

        String multus();

        String cniPlugins();

        String devicePlugin();
    }

    /** Node agent settings (used only in agent mode); every one has a default. */
    Agent agent();

    interface Agent {
        /** The node this agent serves: NODE_NAME, from the downward API (spec.nodeName). */
        @WithDefault("${NODE_NAME:}")
        Optional<String> nodeName();

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
}
