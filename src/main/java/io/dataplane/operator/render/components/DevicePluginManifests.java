package io.dataplane.operator.render.components;

import static io.dataplane.operator.render.components.Manifests.env;
import static io.dataplane.operator.render.components.Manifests.envFromField;
import static io.dataplane.operator.render.components.Manifests.hostPath;
import static io.dataplane.operator.render.components.Manifests.mount;

import io.dataplane.operator.api.v1alpha1.LogLevel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import java.util.Map;

/**
 * The SR-IOV network device plugin. Its configuration is per node: the policy controller writes one
 * key per node name into the {@link DevicePluginNodeConfig} ConfigMaps; all keys are mounted and
 * {@code device-plugin-entrypoint.sh} runs the plugin with this node's key, restarting it in place when
 * that key changes (the plugin reads its config only at start). A change on one node therefore restarts
 * the plugin on that node only, instead of rolling every node as a ConfigMap hash in the pod template
 * would. The container is privileged: the plugin reads VF state through the PF over netlink in the host
 * network namespace and checks vfio/RDMA device nodes, and it serves its socket to the kubelet.
 */
final class DevicePluginManifests {
    static final String CONTAINER = "sriov-device-plugin";
    static final String NODE_CONFIG_DIR = "/etc/pcidp/nodes";
    static final String CONFIG_FILE = "/etc/pcidp/active/config.json";
    static final String SCRIPTS = "/scripts";

    private DevicePluginManifests() {
    }

    static String configMapName() {
        return Component.DEVICE_PLUGIN.objectName() + "-entrypoint";
    }

    static RenderedComponent render(ComponentsConfig config) {
        Component c = Component.DEVICE_PLUGIN;
        ComponentSettings settings = config.of(c);
        String ns = config.namespace();
        ConfigMap entrypoint = Manifests.configMap(c, configMapName(), ns,
                Map.of(Scripts.DEVICE_PLUGIN_ENTRYPOINT, Scripts.text(Scripts.DEVICE_PLUGIN_ENTRYPOINT)));
        PodSpec pod = new PodSpecBuilder()
                .withHostNetwork(true)
                .withAutomountServiceAccountToken(false)
                .withContainers(Manifests.container(CONTAINER, settings.image())
                        .withCommand("/bin/sh", SCRIPTS + "/" + Scripts.DEVICE_PLUGIN_ENTRYPOINT)
                        .withArgs("--config-file=" + CONFIG_FILE, "--logtostderr=true", "--v=" + verbosity(config.logLevel()))
                        .withEnv(envFromField("NODE_NAME", "spec.nodeName"),
                                env("DP_CONFIG_DIR", NODE_CONFIG_DIR),
                                env("DP_CONFIG_FILE", CONFIG_FILE),
                                env("DP_BINARY", "/usr/bin/sriovdp"))
                        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                        .withResources(Manifests.resources("50m", "40Mi", "200Mi"))
                        .withVolumeMounts(
                                mount("device-plugins", "/var/lib/kubelet/device-plugins", false),
                                mount("device-info", "/var/run/k8s.cni.cncf.io/devinfo/dp", false),
                                mount("node-config", NODE_CONFIG_DIR, true),
                                mount("active-config", "/etc/pcidp/active", false),
                                mount("entrypoint", SCRIPTS, true))
                        .build())
                .withVolumes(
                        hostPath("device-plugins", "/var/lib/kubelet/device-plugins", Manifests.HOST_PATH_DIRECTORY),
                        hostPath("device-info", "/var/run/k8s.cni.cncf.io/devinfo/dp", Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        // Optional: until a policy selects a node of a map it does not exist; the kubelet fills the volume later.
                        Manifests.projectedConfigMaps("node-config", DevicePluginNodeConfig.maps(), Manifests.MODE_READ),
                        Manifests.emptyDir("active-config"),
                        Manifests.configMapVolume("entrypoint", configMapName(), Manifests.MODE_EXECUTE, false))
                .build();
        Manifests.withPodDefaults(pod, settings, c.objectName());
        List<HasMetadata> objects = List.of(Manifests.serviceAccount(c, ns, false), entrypoint,
                Manifests.daemonSet(c, ns, pod, Manifests.configHash(List.of(entrypoint))));
        return new RenderedComponent(c, objects);
    }

    /** glog verbosity of the plugin. */
    static int verbosity(LogLevel level) {
        return switch (level) {
            case ERROR, WARN -> 0;
            case INFO -> 2;
            case DEBUG -> 5;
            case TRACE -> 10;
        };
    }
}
