package io.dataplane.operator.render.components;

import static io.dataplane.operator.render.components.Manifests.env;
import static io.dataplane.operator.render.components.Manifests.hostPath;
import static io.dataplane.operator.render.components.Manifests.mount;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import java.util.Map;

/**
 * Installs the CNI plugin binaries of the cni-plugins image ({@code /plugins}) into the host's CNI
 * binary directory with {@code install-cni.sh}: temporary file, checksum, rename, so the runtime never
 * executes a half-copied plugin (the race cluster-network-addons-operator #2514 describes). The container
 * is not privileged and has no capability: as root it may write the root-owned directory it mounts, and
 * nothing else. It is Ready once the copy succeeded.
 */
final class CniPluginsManifests {
    static final String CONTAINER = "install-cni-plugins";
    /** Where the cni-plugins image keeps the binaries (and optionally a SHA256SUMS file). */
    static final String PLUGINS_IN_IMAGE = "/plugins";
    static final String DEST = "/host/cni-bin";
    static final String SCRIPTS = "/scripts";
    static final String READY_FILE = "/run/install-cni/installed";

    private CniPluginsManifests() {
    }

    static String configMapName() {
        return Component.CNI_PLUGINS.objectName() + "-script";
    }

    static RenderedComponent render(ComponentsConfig config) {
        Component c = Component.CNI_PLUGINS;
        ComponentSettings settings = config.of(c);
        String ns = config.namespace();
        ConfigMap script = Manifests.configMap(c, configMapName(), ns,
                Map.of(Scripts.INSTALL_CNI, Scripts.text(Scripts.INSTALL_CNI)));
        PodSpec pod = new PodSpecBuilder()
                // Host network: installing CNI plugins must not wait for pod networking, which needs them.
                .withHostNetwork(true)
                .withAutomountServiceAccountToken(false)
                .withContainers(Manifests.container(CONTAINER, settings.image())
                        .withCommand("/bin/sh", SCRIPTS + "/" + Scripts.INSTALL_CNI, PLUGINS_IN_IMAGE, DEST)
                        .withEnv(env("INSTALL_CNI_READY_FILE", READY_FILE))
                        .withNewSecurityContext().withRunAsUser(0L).withAllowPrivilegeEscalation(false)
                        .withReadOnlyRootFilesystem(true)
                        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                        .withResources(Manifests.resources("10m", "16Mi", "64Mi"))
                        .withReadinessProbe(Manifests.execProbe(List.of("cat", READY_FILE)))
                        .withVolumeMounts(
                                mount("cni-bin", DEST, false),
                                mount("script", SCRIPTS, true),
                                mount("state", "/run/install-cni", false))
                        .build())
                .withVolumes(
                        hostPath("cni-bin", config.cniBinDir(), Manifests.HOST_PATH_DIRECTORY_OR_CREATE),
                        Manifests.configMapVolume("script", configMapName(), Manifests.MODE_EXECUTE, false),
                        Manifests.emptyDir("state"))
                .build();
        Manifests.withPodDefaults(pod, settings, c.objectName());
        List<HasMetadata> objects = List.of(Manifests.serviceAccount(c, ns, false), script,
                Manifests.daemonSet(c, ns, pod, Manifests.configHash(List.of(script))));
        return new RenderedComponent(c, objects);
    }
}
