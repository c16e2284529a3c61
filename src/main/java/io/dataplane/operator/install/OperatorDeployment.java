package io.dataplane.operator.install;

import io.dataplane.operator.runtime.JvmOptions;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's Deployment: two replicas with leader election (a standby with warm caches takes over
 * when the leader's node fails), every component image from {@code RELATED_IMAGE_*}, the namespace from
 * the downward API, health probes, and a locked-down container (non-root, read-only root filesystem,
 * no capabilities).
 */
final class OperatorDeployment {
    static final String NAME = "dataplane-operator";
    static final String CONTAINER = "operator";
    static final int REPLICAS = 2;
    static final int HTTP_PORT = 8080;

    private OperatorDeployment() {
    }

    static Map<String, String> selector() {
        return Map.of("app.kubernetes.io/name", NAME);
    }

    static Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>(selector());
        labels.put("app.kubernetes.io/component", "operator");
        labels.put("app.kubernetes.io/part-of", NAME);
        return labels;
    }

    static Deployment render(String namespace, String serviceAccount, List<RelatedImage> images) {
        String operatorImage = images.stream().filter(i -> i.name().equals("operator")).findFirst().orElseThrow().image();
        return new DeploymentBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels()).endMetadata()
                .withNewSpec()
                .withReplicas(REPLICAS)
                .withNewSelector().withMatchLabels(selector()).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels())
                .addToAnnotations("kubectl.kubernetes.io/default-container", CONTAINER).endMetadata()
                .withNewSpec()
                .withServiceAccountName(serviceAccount)
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                // Replicas on different nodes where possible: a standby on the leader's node does not help.
                .withNewAffinity().withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100).withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector().withMatchLabels(selector()).endLabelSelector().endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(operatorImage)
                        .withEnv(env(images))
                        .addNewPort().withName("http").withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                        .withLivenessProbe(probe("/q/health/live", 3))
                        .withReadinessProbe(probe("/q/health/ready", 3))
                        // Informers of every kind sync before readiness; give a slow API server a minute.
                        .withStartupProbe(new ProbeBuilder(probe("/q/health/started", 30)).withPeriodSeconds(2).build())
                        .withNewResources()
                        .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("256Mi"))
                        .addToLimits("memory", new Quantity("512Mi"))
                        .endResources()
                        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                        .withRunAsNonRoot(true).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                        // Vert.x and the JVM need a writable /tmp; the root filesystem is read-only.
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        .build())
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static List<EnvVar> env(List<RelatedImage> images) {
        List<EnvVar> env = new ArrayList<>();
        for (RelatedImage image : images) {
            env.add(new EnvVarBuilder().withName(image.envVar()).withValue(image.image()).build());
        }
        env.add(fieldRef("OPERATOR_NAMESPACE", "metadata.namespace"));
        // The leader election identity, so the Lease names the pod holding it.
        env.add(fieldRef("POD_NAME", "metadata.name"));
        env.add(new EnvVarBuilder().withName("DATAPLANE_LEADER_ELECTION_ENABLED").withValue("true").build());
        env.add(new EnvVarBuilder().withName("JAVA_TOOL_OPTIONS").withValue(JvmOptions.OPERATOR).build());
        return env;
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withApiVersion("v1")
                .withFieldPath(path).endFieldRef().endValueFrom().build();
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).withScheme("HTTP")
                .endHttpGet().withPeriodSeconds(10).withTimeoutSeconds(2).withFailureThreshold(failureThreshold).build();
    }
}
