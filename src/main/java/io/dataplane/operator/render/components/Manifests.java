package io.dataplane.operator.render.components;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Building blocks shared by the component manifests. Every field the API server would default is set
 * explicitly, so what the operator wants and what the server stores read the same, and a converged
 * cluster is never written to (java-operator-sdk #2249/#2038 describe the loop otherwise).
 */
final class Manifests {
    /** Pod-template annotation: hash of the operator-rendered configuration the pods read at start. */
    static final String CONFIG_HASH_ANNOTATION = "nfv.dataplane.io/config-hash";
    static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";
    /** Node-level infrastructure: pods of networking components must not be preempted by workloads. */
    static final String PRIORITY_CLASS = "system-node-critical";

    static final String HOST_PATH_DIRECTORY = "Directory";
    static final String HOST_PATH_DIRECTORY_OR_CREATE = "DirectoryOrCreate";
    static final int MODE_READ = 0644;
    static final int MODE_EXECUTE = 0555;

    private Manifests() {
    }

    static ObjectMeta meta(Component component, String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(ComponentLabels.of(component)).build();
    }

    static ServiceAccount serviceAccount(Component component, String namespace, boolean apiAccess) {
        return new ServiceAccountBuilder().withMetadata(meta(component, component.objectName(), namespace))
                // Components that never call the API get no token at all.
                .withAutomountServiceAccountToken(apiAccess)
                .build();
    }

    static ConfigMap configMap(Component component, String name, String namespace, Map<String, String> data) {
        return new ConfigMapBuilder().withMetadata(meta(component, name, namespace)).withData(new TreeMap<>(data))
                .build();
    }

    /**
     * The DaemonSet around a pod spec. {@code configHash} (null for none) goes into the pod template,
     * so a change of the configuration the pods read at start rolls them like an image change does.
     */
    static DaemonSet daemonSet(Component component, String namespace, PodSpec pod, String configHash) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(DEFAULT_CONTAINER_ANNOTATION, pod.getContainers().get(0).getName());
        if (configHash != null) {
            annotations.put(CONFIG_HASH_ANNOTATION, configHash);
        }
        return new DaemonSetBuilder()
                .withMetadata(meta(component, component.objectName(), namespace))
                .withNewSpec()
                .withNewSelector().withMatchLabels(ComponentLabels.selector(component)).endSelector()
                .withRevisionHistoryLimit(10)
                .withMinReadySeconds(0)
                // One node at a time: a node whose networking component is being replaced cannot set up pod networks.
                .withNewUpdateStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxUnavailable(new IntOrString(1)).withMaxSurge(new IntOrString(0))
                .endRollingUpdate().endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(ComponentLabels.of(component)).withAnnotations(annotations).endMetadata()
                .withSpec(pod)
                .endTemplate()
                .endSpec()
                .build();
    }

    /** Pod spec defaults the API server would otherwise fill in. */
    static PodSpec withPodDefaults(PodSpec pod, ComponentSettings settings, String serviceAccount) {
        pod.setServiceAccountName(serviceAccount);
        pod.setNodeSelector(new TreeMap<>(settings.nodeSelector()));
        pod.setTolerations(settings.tolerations());
        pod.setPriorityClassName(PRIORITY_CLASS);
        pod.setRestartPolicy("Always");
        pod.setSchedulerName("default-scheduler");
        pod.setDnsPolicy(Boolean.TRUE.equals(pod.getHostNetwork()) ? "ClusterFirstWithHostNet" : "ClusterFirst");
        pod.setEnableServiceLinks(false);
        if (pod.getSecurityContext() == null) {
            pod.setSecurityContext(new PodSecurityContext());
        }
        if (pod.getTerminationGracePeriodSeconds() == null) {
            pod.setTerminationGracePeriodSeconds(30L);
        }
        return pod;
    }

    static ContainerBuilder container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withTerminationMessagePath("/dev/termination-log")
                .withTerminationMessagePolicy("FallbackToLogsOnError");
    }

    static ResourceRequirements resources(String cpuRequest, String memoryRequest, String memoryLimit) {
        // No CPU limit: throttling a networking daemon stalls pod creation on the node.
        return new ResourceRequirementsBuilder()
                .withRequests(new TreeMap<>(Map.of("cpu", new Quantity(cpuRequest), "memory", new Quantity(memoryRequest))))
                .withLimits(new TreeMap<>(Map.of("memory", new Quantity(memoryLimit))))
                .build();
    }

    static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    static EnvVar envFromField(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef("v1", fieldPath).endValueFrom()
                .build();
    }

    static Volume hostPath(String name, String path, String type) {
        return new VolumeBuilder().withName(name).withNewHostPath().withPath(path).withType(type).endHostPath().build();
    }

    static Volume configMapVolume(String name, String configMap, int mode, boolean optional) {
        return new VolumeBuilder().withName(name).withNewConfigMap().withName(configMap).withDefaultMode(mode)
                .withOptional(optional).endConfigMap().build();
    }

    /** One directory holding the keys of all {@code configMaps}, each optional (absent until written). */
    static Volume projectedConfigMaps(String name, List<String> configMaps, int mode) {
        return new VolumeBuilder().withName(name).withNewProjected().withDefaultMode(mode)
                .withSources(configMaps.stream().map(m -> new VolumeProjectionBuilder().withNewConfigMap().withName(m)
                        .withOptional(true).endConfigMap().build()).toList())
                .endProjected().build();
    }

    static Volume emptyDir(String name) {
        return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
    }

    static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
    }

    static VolumeMount mount(String volume, String path, boolean readOnly, String propagation) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly)
                .withMountPropagation(propagation).build();
    }

    static Probe httpProbe(String path, int port) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port)).withScheme("HTTP")
                .endHttpGet()
                .withInitialDelaySeconds(5).withPeriodSeconds(10).withTimeoutSeconds(1).withSuccessThreshold(1)
                .withFailureThreshold(3).build();
    }

    static Probe execProbe(List<String> command) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec()
                .withInitialDelaySeconds(0).withPeriodSeconds(10).withTimeoutSeconds(1).withSuccessThreshold(1)
                .withFailureThreshold(3).build();
    }

    /** SHA-256 (first 16 hex digits) over the ConfigMaps' data, keys sorted. */
    static String configHash(List<ConfigMap> maps) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ConfigMap map : maps) {
                digest.update((map.getMetadata().getName() + "\0").getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, String> e : new TreeMap<>(map.getData()).entrySet()) {
                    digest.update((e.getKey() + "\0" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
