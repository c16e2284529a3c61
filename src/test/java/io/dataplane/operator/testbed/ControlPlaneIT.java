package io.dataplane.operator.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Smoke test of the test bed itself: the control plane answers, garbage
 * collection runs (so kube-controller-manager is up), server-side apply works
 * (the fabric8 mock server cannot do it), the audit log records who wrote
 * what, CRDs install, and KWOK nodes run DaemonSet pods.
 */
@WithControlPlane
class ControlPlaneIT {

    @Test
    void ownerDeletionIsGarbageCollected(KubernetesClient client, TestNamespace ns) {
        ConfigMap owner = client.resource(new ConfigMapBuilder().withNewMetadata().withName("owner")
                .withNamespace(ns.name()).endMetadata().addToData("k", "v").build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("dependent").withNamespace(ns.name())
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build())
                .endMetadata().build()).create();

        client.configMaps().inNamespace(ns.name()).withName("owner").delete();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(client.configMaps().inNamespace(ns.name()).withName("dependent").get()).isNull());
    }

    @Test
    void serverSideApplyWorks(KubernetesClient client, TestNamespace ns) {
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("ssa").withNamespace(ns.name())
                .endMetadata().withData(Map.of("a", "1")).build();
        client.resource(desired).fieldManager("testbed").forceConflicts().serverSideApply();
        desired.setData(Map.of("a", "2", "b", "3"));
        ConfigMap applied = client.resource(desired).fieldManager("testbed").forceConflicts().serverSideApply();

        assertThat(applied.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "2", "b", "3"));
        assertThat(applied.getMetadata().getManagedFields())
                .anySatisfy(f -> {
                    assertThat(f.getManager()).isEqualTo("testbed");
                    assertThat(f.getOperation()).isEqualTo("Apply");
                });
    }

    @Test
    void auditLogCountsWritesByUser(ControlPlane cp, TestNamespace ns) {
        long mark = cp.auditLog().mark();
        cp.client().resource(new ConfigMapBuilder().withNewMetadata().withName("audited")
                .withNamespace(ns.name()).endMetadata().build()).create();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cp.auditLog().countWrites(mark, "admin",
                        e -> "configmaps".equals(e.resource()) && "audited".equals(e.name()))).isEqualTo(1));
        assertThat(cp.auditLog().countWrites(mark, "nobody")).isZero();
    }

    @Test
    void networkAttachmentDefinitionCrdInstalls(ControlPlane cp, @TempDir Path noProjectCrds) {
        assertThat(cp.installCrds(noProjectCrds)).extracting(c -> c.getMetadata().getName())
                .containsExactly("network-attachment-definitions.k8s.cni.cncf.io");
    }

    @Test
    void kwokNodesRunDaemonSetPods(ControlPlane cp, KubernetesClient client, TestNamespace ns) {
        assertThat(cp.startKwok(2)).containsExactly("worker-0", "worker-1");
        client.resource(new DaemonSetBuilder().withNewMetadata().withName("probe").withNamespace(ns.name()).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "probe").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "probe").endMetadata()
                .withNewSpec().addToNodeSelector("feature.node.kubernetes.io/network-sriov.capable", "true")
                .addNewContainer().withName("c").withImage("example.invalid/probe:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            DaemonSet ds = client.apps().daemonSets().inNamespace(ns.name()).withName("probe").get();
            assertThat(ds.getStatus().getNumberReady()).isGreaterThanOrEqualTo(2);
        });
    }

    /** The project's CRDs pass the real API server's validation (CEL cost budget etc.). */
    @Test
    void projectCrdsAreAcceptedByTheApiServer(ControlPlane cp) {
        assertThat(cp.installCrds()).extracting(c -> c.getMetadata().getName())
                .contains("nfvnetworks.nfv.dataplane.io", "nfvnodepolicies.nfv.dataplane.io",
                        "nfvnodestates.nfv.dataplane.io", "nfvoperatorconfigs.nfv.dataplane.io");
    }
}
