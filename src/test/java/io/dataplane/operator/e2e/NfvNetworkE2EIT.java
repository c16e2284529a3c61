package io.dataplane.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinitionSpec;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.SriovNetworkOptions;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.testbed.AuditLog;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged operator (prod profile: server-side apply, real informers) against a real API server,
 * under its own ServiceAccount's RBAC: what the mock server cannot show.
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NfvNetworkE2EIT {
    static final String OPERATOR_NS = "dataplane-operator";
    static final String OPERATOR_SA = "dataplane-operator";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private OperatorProcess operator;

    @BeforeAll
    void startOperator(ControlPlane cp) {
        cp.installCrds();
        Path kubeconfig = ServiceAccountIdentity.create(cp, OPERATOR_NS, OPERATOR_SA,
                Path.of("deploy/rbac/operator-clusterrole.yaml"));
        operator = OperatorProcess.start(cp, kubeconfig, "operator-nfvnetwork-e2e", Map.of("OPERATOR_NAMESPACE", OPERATOR_NS));
    }

    @AfterAll
    void stopOperator() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    void networkLifecycleWithServerSideApplyAndGarbageCollection(KubernetesClient client, TestNamespace ns) {
        client.resource(network(ns, "n1", "{type: sriov, resourceName: intel_sriov_netdevice}")).create();
        NfvNetwork ready = awaitReady(client, ns, "n1");
        NetworkAttachmentDefinition nad = nad(client, ns, "n1");
        assertThat(nad.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid()));
        assertThat(nad.getMetadata().getManagedFields())
                .as("written by server-side apply under the operator's field manager")
                .anySatisfy(f -> assertThat(f.getOperation()).isEqualTo("Apply"));

        // update
        client.resources(NfvNetwork.class).inNamespace(ns.name()).withName("n1").edit(n -> {
            SriovNetworkOptions o = new SriovNetworkOptions();
            o.setVlan(77);
            n.getSpec().setSriov(o);
            return n;
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(nad(client, ns, "n1").getSpec().getConfig()).contains("\"vlan\":77"));
        String rendered = nad(client, ns, "n1").getSpec().getConfig();

        // a hand edit is reverted
        client.resources(NetworkAttachmentDefinition.class).inNamespace(ns.name()).withName("n1").edit(n -> {
            n.setSpec(new NetworkAttachmentDefinitionSpec("{\"cniVersion\":\"1.0.0\",\"type\":\"macvlan\"}"));
            return n;
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(nad(client, ns, "n1").getSpec().getConfig()).isEqualTo(rendered));

        // delete: the garbage collector removes the NAD through its owner reference
        client.resources(NfvNetwork.class).inNamespace(ns.name()).withName("n1").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(nad(client, ns, "n1")).isNull());
        assertThat(operator.isAlive()).isTrue();
    }

    @Test
    void noWritesOnceConverged(ControlPlane cp, KubernetesClient client, TestNamespace ns) throws InterruptedException {
        for (String spec : List.of("{type: sriov, resourceName: a_pool, sriov: {vlan: 5}}",
                "{type: vhostuser, vhostUser: {bridge: br-dpdk0}}", "{type: hostdevice, resourceName: virtio_vfio}")) {
            String name = "quiet-" + spec.substring(7, 12).replaceAll("[^a-z]", "");
            client.resource(network(ns, name, spec)).create();
            awaitReady(client, ns, name);
        }
        String user = ServiceAccountIdentity.username(OPERATOR_NS, OPERATOR_SA);
        AuditLog audit = cp.auditLog();
        // Other classes may have left nodes, policies or a config in this control plane: their rollouts
        // settle first. A loop would never give 5 quiet seconds, or would show up in the 30 s below.
        audit.awaitQuiet(user, e -> true, Duration.ofSeconds(5), Duration.ofSeconds(180));
        long mark = audit.mark();
        Thread.sleep(30_000);
        long writes = audit.countWrites(mark, user);
        System.out.printf("[e2e] operator writes in 30 s after convergence: %d%n", writes);
        assertThat(writes).as("writes by %s after convergence: %s", user, audit.since(mark).stream()
                .filter(e -> e.isWriteBy(user)).toList()).isZero();
    }

    private static NfvNetwork network(TestNamespace ns, String name, String specYaml) {
        return Serialization.unmarshal("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvNetwork
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(name, ns.name(), specYaml), NfvNetwork.class);
    }

    private static NfvNetwork awaitReady(KubernetesClient client, TestNamespace ns, String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNetwork n = client.resources(NfvNetwork.class).inNamespace(ns.name()).withName(name).get();
            assertThat(n.getStatus()).as("status of %s", name).isNotNull();
            assertThat(Conditions.isTrue(n.getStatus().getConditions(), Conditions.READY))
                    .as("Ready of %s: %s", name, n.getStatus().getConditions()).isTrue();
        });
        return client.resources(NfvNetwork.class).inNamespace(ns.name()).withName(name).get();
    }

    private static NetworkAttachmentDefinition nad(KubernetesClient client, TestNamespace ns, String name) {
        return client.resources(NetworkAttachmentDefinition.class).inNamespace(ns.name()).withName(name).get();
    }
}
