package io.dataplane.operator.render.components;

import static io.dataplane.operator.render.components.Manifests.envFromField;
import static io.dataplane.operator.render.components.Manifests.hostPath;
import static io.dataplane.operator.render.components.Manifests.mount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.LogLevel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Map;

/**
 * Multus in its thick form: {@code multus-shim} in the host's CNI binary directory talks to the
 * {@code multus-daemon} of this DaemonSet over a unix socket in {@code /run/multus}. The daemon runs
 * privileged with the host's PID namespace and root because it enters pod network namespaces and runs
 * the delegate plugins chrooted into the host ({@code chrootDir}), where they find their binaries and
 * the device plugin's device info. The shim is copied by the image's own {@code install_multus}, which
 * writes a temporary file and renames it (never a half-written shim); that init container needs no
 * privilege, only the binary directory.
 */
final class MultusManifests {
    static final String CONTAINER = "multus-daemon";
    static final String CONFIG_KEY = "daemon-config.json";
    /** Where multus-daemon reads its configuration by default. */
    static final String CONFIG_MOUNT = "/etc/cni/net.d/multus.d";
    static final String HOST_CNI_CONF = "/host/etc/cni/net.d";
    static final String SHIM_DEST = "/host/cni-bin";

    private MultusManifests() {
    }

    static String configMapName() {
        return Component.MULTUS.objectName() + "-config";
    }

    static RenderedComponent render(ComponentsConfig config) {
        Component c = Component.MULTUS;
        ComponentSettings settings = config.of(c);
        String ns = config.namespace();
        ConfigMap daemonConfig = Manifests.configMap(c, configMapName(), ns, Map.of(CONFIG_KEY, daemonConfig(config)));
        PodSpec pod = new PodSpecBuilder()
                .withHostNetwork(true)
                .withHostPID(true)
                .withTerminationGracePeriodSeconds(10L)
                .withInitContainers(Manifests.container("install-multus-shim", settings.image())
                        .withCommand("/usr/src/multus-cni/bin/install_multus", "-d", SHIM_DEST, "-t", "thick")
                        .withNewSecurityContext().withRunAsUser(0L).withAllowPrivilegeEscalation(false)
                        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                        .withResources(Manifests.resources("10m", "15Mi", "64Mi"))
                        .withVolumeMounts(mount("cni-bin", SHIM_DEST, false))
                        .build())
                .withContainers(Manifests.container(CONTAINER, settings.image())
                        .withCommand("/usr/src/multus-cni/bin/multus-daemon")
                        .withEnv(envFromField("MULTUS_NODE_NAME", "spec.nodeName"))
                        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                        .withResources(Manifests.resources("50m", "64Mi", "256Mi"))
                        .withVolumeMounts(
                                mount("cni-conf", HOST_CNI_CONF, false),
                                // multus-daemon runs delegates by their host path: the same path inside.
                                mount("cni-bin", config.cniBinDir(), false),
                                mount("host-run", "/host/run", false),
                                mount("host-var-lib-cni-multus", "/var/lib/cni/multus", false),
                                mount("host-var-lib-kubelet", "/var/lib/kubelet", false, "HostToContainer"),
                                mount("host-run-k8s-cni-cncf-io", "/run/k8s.cni.cncf.io", false),
                                mount("host-run-netns", "/run/netns", false, "HostToContainer"),
                                mount("daemon-config", CONFIG_MOUNT, true),
                                mount("hostroot", "/hostroot", false, "HostToContainer"))
                        .build())
                .withVolumes(
                        hostPath("cni-conf", config.cniConfDir(), Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        hostPath("cni-bin", config.cniBinDir(), Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        hostPath("host-run", "/run", Manifests.HOST_PATH_DIRECTORY),
                        hostPath("host-var-lib-cni-multus", "/var/lib/cni/multus", Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        hostPath("host-var-lib-kubelet", "/var/lib/kubelet", Manifests.HOST_PATH_DIRECTORY),
                        hostPath("host-run-k8s-cni-cncf-io", "/run/k8s.cni.cncf.io", Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        hostPath("host-run-netns", "/run/netns", Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        Manifests.configMapVolume("daemon-config", configMapName(), Manifests.MODE_READ, false),
                        hostPath("hostroot", "/", Manifests.HOST_PATH_DIRECTORY))
                .build();
        Manifests.withPodDefaults(pod, settings, c.objectName());
        List<HasMetadata> objects = List.of(Manifests.serviceAccount(c, ns, true), Rbac.clusterRole(c, rules()),
                Rbac.binding(c, ns), daemonConfig,
                Manifests.daemonSet(c, ns, pod, Manifests.configHash(List.of(daemonConfig))));
        return new RenderedComponent(c, objects);
    }

    /**
     * multus-daemon's configuration (multus-cni docs/thick-plugin.md). It writes the node's
     * {@code 00-multus.conf} itself from the first existing network ({@code multusConfigFile: auto}).
     */
    static String daemonConfig(ComponentsConfig config) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode()
                .put("chrootDir", "/hostroot")
                .put("cniVersion", "0.3.1")
                .put("logLevel", logLevel(config.logLevel()))
                .put("logToStderr", true)
                .put("binDir", config.cniBinDir())
                .put("cniConfigDir", HOST_CNI_CONF)
                .put("multusAutoconfigDir", HOST_CNI_CONF)
                .put("multusConfigFile", "auto")
                .put("socketDir", "/host/run/multus/");
        try {
            return mapper.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Multus knows panic, error, verbose and debug. */
    static String logLevel(LogLevel level) {
        return switch (level) {
            case ERROR, WARN -> "error";
            case INFO -> "verbose";
            case DEBUG, TRACE -> "debug";
        };
    }

    /**
     * Multus reads NetworkAttachmentDefinitions and pods cluster-wide (the pod's network annotation),
     * writes the network-status annotation and events. Upstream grants {@code *} on k8s.cni.cncf.io;
     * reading the NADs is all it does there.
     */
    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRuleBuilder().withApiGroups("k8s.cni.cncf.io").withResources("network-attachment-definitions")
                        .withVerbs("get", "list", "watch").build(),
                new PolicyRuleBuilder().withApiGroups("").withResources("pods")
                        .withVerbs("get", "list", "watch", "update").build(),
                new PolicyRuleBuilder().withApiGroups("").withResources("pods/status")
                        .withVerbs("get", "update").build(),
                new PolicyRuleBuilder().withApiGroups("", "events.k8s.io").withResources("events")
                        .withVerbs("create", "patch", "update").build());
    }
}
