package io.dataplane.operator.controller.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinitionSpec;
import io.dataplane.operator.api.v1alpha1.NetworkType;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNetworkSpec;
import io.dataplane.operator.api.v1alpha1.SriovNetworkOptions;
import io.dataplane.operator.controller.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Reconciler logic on the fabric8 mock server (CRUD mode, no SSA, no GC). The first test runs before the
 * NetworkAttachmentDefinition CRD exists; the others after it was created, in order.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NfvNetworkReconcilerTest {
    private static final String NS = "cnf";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Test
    @Order(1)
    void withoutTheNadCrdTheNetworkSaysSoAndRecoversWhenItAppears() {
        client.resource(network("early", NetworkType.SRIOV, "pool_a")).create();
        awaitReady("early", "False", NfvNetworkReconciler.REASON_CRD_MISSING);
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anyMatch(e -> e.getReason().equals(NfvNetworkReconciler.REASON_CRD_MISSING)
                        && e.getInvolvedObject().getName().equals("early"));

        client.resource(nadCrd()).create();

        awaitReady("early", "True", NfvNetworkReconciler.REASON_RENDERED);
        assertThat(nad("early")).isNotNull();
    }

    @Test
    @Order(2)
    void createsAnOwnedNadWithTheResourceAnnotation() {
        client.resource(network("n1", NetworkType.SRIOV, "intel_sriov_netdevice")).create();

        NfvNetwork ready = awaitReady("n1", "True", NfvNetworkReconciler.REASON_RENDERED);
        NetworkAttachmentDefinition nad = nad("n1");
        assertThat(nad.getMetadata().getAnnotations())
                .containsEntry(NetworkAttachmentDefinition.RESOURCE_NAME_ANNOTATION, "dataplane.io/intel_sriov_netdevice");
        assertThat(nad.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> {
                    assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid());
                    assertThat(o.getController()).isTrue();
                });
        assertThat(nad.getSpec().getConfig()).contains("\"type\":\"sriov\"");
        assertThat(ready.getStatus().getNetworkAttachmentDefinition()).isEqualTo("n1");
        assertThat(ready.getStatus().getResourceName()).isEqualTo("dataplane.io/intel_sriov_netdevice");
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    }

    @Test
    @Order(3)
    void anUpdateOfTheNetworkIsRenderedAgain() {
        client.resource(network("n2", NetworkType.SRIOV, "pool_b")).create();
        awaitReady("n2", "True", NfvNetworkReconciler.REASON_RENDERED);

        client.resources(NfvNetwork.class).inNamespace(NS).withName("n2").edit(n -> {
            SriovNetworkOptions o = new SriovNetworkOptions();
            o.setVlan(42);
            n.getSpec().setSriov(o);
            return n;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(nad("n2").getSpec().getConfig()).contains("\"vlan\":42"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNetwork n = get("n2");
            assertThat(n.getStatus().getObservedGeneration()).isEqualTo(n.getMetadata().getGeneration());
        });
    }

    @Test
    @Order(4)
    void aHandEditOfTheNadIsReverted() {
        client.resource(network("n3", NetworkType.VHOSTUSER, null)).create();
        awaitReady("n3", "True", NfvNetworkReconciler.REASON_RENDERED);
        String rendered = nad("n3").getSpec().getConfig();

        client.resources(NetworkAttachmentDefinition.class).inNamespace(NS).withName("n3").edit(nad -> {
            nad.setSpec(new NetworkAttachmentDefinitionSpec("{\"cniVersion\":\"1.0.0\",\"type\":\"bridge\"}"));
            return nad;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(nad("n3").getSpec().getConfig()).isEqualTo(rendered));
    }

    @Test
    @Order(5)
    void aForeignNadOfTheSameNameIsNeverOverwritten() {
        var foreign = new NetworkAttachmentDefinition();
        foreign.setMetadata(new ObjectMetaBuilder().withName("taken").withNamespace(NS).build());
        foreign.setSpec(new NetworkAttachmentDefinitionSpec("{\"cniVersion\":\"1.0.0\",\"name\":\"taken\",\"type\":\"macvlan\"}"));
        client.resource(foreign).create();

        client.resource(network("taken", NetworkType.SRIOV, "pool_c")).create();

        NfvNetwork conflicted = awaitReady("taken", "False", NfvNetworkReconciler.REASON_NAME_CONFLICT);
        assertThat(readyCondition(conflicted).getMessage()).contains("not managed by this NfvNetwork");
        assertThat(nad("taken").getSpec().getConfig()).contains("macvlan");
        assertThat(nad("taken").getMetadata().getOwnerReferences()).isEmpty();
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anyMatch(e -> e.getReason().equals(NfvNetworkReconciler.REASON_NAME_CONFLICT));

        // Once the foreign object is gone the network takes the name.
        client.resource(foreign).delete();
        awaitReady("taken", "True", NfvNetworkReconciler.REASON_RENDERED);
    }

    @Test
    @Order(6)
    void invalidMetaPluginIsReportedWithTheFieldAndNothingIsWritten() {
        NfvNetwork bad = network("bad", NetworkType.SRIOV, "pool_d");
        bad.getSpec().setMetaPlugins(java.util.List.of(
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("mtu", 9000))));
        client.resource(bad).create();

        NfvNetwork n = awaitReady("bad", "False", NfvNetworkReconciler.REASON_INVALID);
        assertThat(readyCondition(n).getMessage()).contains("spec.metaPlugins[0].type");
        assertThat(nad("bad")).isNull();
    }

    @Test
    @Order(7)
    void deletingTheNetworkLeavesGarbageCollectionToTheOwnerReference() {
        // The mock server has no garbage collector: the real API server test proves the NAD goes away.
        // Here: the NAD the operator wrote names the network as its controller, which is what GC acts on.
        client.resource(network("gone", NetworkType.HOSTDEVICE, "virtio_vfio")).create();
        NfvNetwork ready = awaitReady("gone", "True", NfvNetworkReconciler.REASON_RENDERED);
        assertThat(nad("gone").getMetadata().getOwnerReferences())
                .anyMatch(o -> o.getUid().equals(ready.getMetadata().getUid()) && Boolean.TRUE.equals(o.getController()));
        client.resource(ready).delete();
        await().atMost(TIMEOUT).until(() -> get("gone") == null);
    }

    private NfvNetwork awaitReady(String name, String status, String reason) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNetwork n = get(name);
            assertThat(n).isNotNull();
            assertThat(n.getStatus()).isNotNull();
            Condition ready = readyCondition(n);
            assertThat(ready.getStatus()).isEqualTo(status);
            assertThat(ready.getReason()).isEqualTo(reason);
        });
        return get(name);
    }

    private static Condition readyCondition(NfvNetwork n) {
        return Conditions.find(n.getStatus().getConditions(), Conditions.READY).orElseThrow();
    }

    private NfvNetwork get(String name) {
        return client.resources(NfvNetwork.class).inNamespace(NS).withName(name).get();
    }

    private NetworkAttachmentDefinition nad(String name) {
        return client.resources(NetworkAttachmentDefinition.class).inNamespace(NS).withName(name).get();
    }

    static NfvNetwork network(String name, NetworkType type, String resource) {
        NfvNetwork n = new NfvNetwork();
        n.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        NfvNetworkSpec spec = new NfvNetworkSpec();
        spec.setType(type);
        spec.setResourceName(resource);
        if (type == NetworkType.VHOSTUSER) {
            var v = new io.dataplane.operator.api.v1alpha1.VhostUserOptions();
            v.setBridge("br-dpdk0");
            spec.setVhostUser(v);
        }
        n.setSpec(spec);
        return n;
    }

    static CustomResourceDefinition nadCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(NetworkAttachmentDefinition.CRD_NAME).endMetadata()
                .withNewSpec().withGroup(NetworkAttachmentDefinition.GROUP).withScope("Namespaced")
                .withNewNames().withKind("NetworkAttachmentDefinition").withPlural(NetworkAttachmentDefinition.PLURAL)
                .withSingular("network-attachment-definition").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec()
                .withNewStatus().addNewCondition().withType("Established").withStatus("True").endCondition().endStatus()
                .build();
    }
}
