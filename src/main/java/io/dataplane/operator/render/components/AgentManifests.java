package io.dataplane.operator.render.components;

import static io.dataplane.operator.render.components.Manifests.env;
import static io.dataplane.operator.render.components.Manifests.envFromField;
import static io.dataplane.operator.render.components.Manifests.hostPath;
import static io.dataplane.operator.render.components.Manifests.mount;

import io.dataplane.operator.runtime.JvmOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;

/**
 * The node agent: the only code that changes a host. It runs privileged because writing
 * {@code sriov_numvfs}, binding drivers through {@code driver_override}/{@code drivers_probe}, allocating
 * huge pages per NUMA node and opening {@code /dev/vfio} need CAP_SYS_ADMIN and a writable sysfs, which a
 * container only gets privileged; and in the host's PID namespace, because restarting the kubelet or
 * ovs-vswitchd runs {@code systemctl} through {@code nsenter --target 1}. It mounts exactly the host paths
 * it reads and writes, under {@code /host} (its host root, {@code dataplane.agent.host-root}): {@code /sys},
 * {@code /dev}, the kubelet drop-in directory, the kubelet directory (its config.yaml and the CPU/memory
 * manager checkpoints that must go when the CPU policy changes), the OVS run directory (the OVSDB socket)
 * and its own state directory (what it changed, to revert it after a restart).
 *
 * <p>The operator renders only the DaemonSet. The agent's ServiceAccount {@code dataplane-agent} and its
 * RBAC are part of the install ({@code deploy/rbac/agent-clusterrole.yaml}): its rules are fixed and
 * reviewed with the install, and the operator does not have to hold cordon/evict rights to grant them.
 */
final class AgentManifests {
    static final String CONTAINER = "agent";
    /** Host network: the agent must work while pod networking is being set up; so its port is on the host. */
    static final int HEALTH_PORT = 8095;
    static final String HOST_ROOT = "/host";
    static final String KUBELET_DROP_IN_DIR = "/etc/kubernetes/kubelet.conf.d";
    static final String KUBELET_STATE_DIR = "/var/lib/kubelet";
    static final String OVS_RUN_DIR = "/var/run/openvswitch";
    static final String STATE_DIR = "/var/lib/dataplane-agent";

    private AgentManifests() {
    }

    static RenderedComponent render(ComponentsConfig config) {
        Component c = Component.AGENT;
        ComponentSettings settings = config.of(c);
        String ns = config.namespace();
        PodSpec pod = new PodSpecBuilder()
                .withHostNetwork(true)
                .withHostPID(true)
                .withContainers(Manifests.container(CONTAINER, settings.image())
                        .withEnv(env("DATAPLANE_MODE", "agent"),
                                envFromField("NODE_NAME", "spec.nodeName"),
                                envFromField("OPERATOR_NAMESPACE", "metadata.namespace"),
                                env("DATAPLANE_HOST_ROOT", HOST_ROOT),
                                env("DATAPLANE_AGENT_HEALTH_PORT", Integer.toString(HEALTH_PORT)),
                                // The agent runs on every node: a small heap and a lean JIT (runtime.JvmOptions).
                                env("JAVA_TOOL_OPTIONS", JvmOptions.AGENT),
                                env("DATAPLANE_AGENT_LOG_LEVEL", config.logLevel().value()))
                        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                        // Idle 86-88 MiB resident (peak the same; docs/agent.md, Figures): the request leaves
                        // headroom for a drain's pod list, the limit covers heap, metaspace and code caps.
                        .withResources(Manifests.resources("50m", "128Mi", "400Mi"))
                        // Ready only once the agent has re-applied its node's state (after a reboot, too).
                        .withReadinessProbe(Manifests.httpProbe("/q/health/group/agent", HEALTH_PORT))
                        .withVolumeMounts(
                                mount("sys", HOST_ROOT + "/sys", false),
                                mount("dev", HOST_ROOT + "/dev", false),
                                mount("kubelet-drop-in", HOST_ROOT + KUBELET_DROP_IN_DIR, false),
                                mount("kubelet-state", HOST_ROOT + KUBELET_STATE_DIR, false),
                                mount("ovs-run", HOST_ROOT + OVS_RUN_DIR, false),
                                mount("agent-state", HOST_ROOT + STATE_DIR, false))
                        .build())
                .withVolumes(
                        hostPath("sys", "/sys", Manifests.HOST_PATH_DIRECTORY),
                        hostPath("dev", "/dev", Manifests.HOST_PATH_DIRECTORY),
                        hostPath("kubelet-drop-in", KUBELET_DROP_IN_DIR, Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        hostPath("kubelet-state", KUBELET_STATE_DIR, Manifests.HOST_PATH_DIRECTORY),
                        hostPath("ovs-run", OVS_RUN_DIR, Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        hostPath("agent-state", STATE_DIR, Manifests.HOST_PATH_DIRECTORY_OR_CREATE))
                .build();
        Manifests.withPodDefaults(pod, settings, c.objectName());
        // Only the DaemonSet: the agent's ServiceAccount and RBAC come with the install
        // (deploy/rbac/agent-clusterrole.yaml), so the operator need not hold the agent's rights to grant them.
        List<HasMetadata> objects = List.of(Manifests.daemonSet(c, ns, pod, null));
        return new RenderedComponent(c, objects);
    }
}
