package io.dataplane.operator.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.EventRecorder;
import io.dataplane.operator.render.components.DevicePluginNodeConfig;
import io.dataplane.operator.testbed.AuditLog;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.dataplane.operator.testsupport.PolicySettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The policy controllers on a real API server with three KWOK nodes: server-side apply under the
 * dataplane-operator field manager, the agent's status left alone, garbage collection of a node's state
 * with its node, and no writes at all once converged (counted in the audit log).
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyControllersIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    ControlPlane cp;
    KubernetesClient client;
    KubernetesClient operatorClient;
    Operator operator;
    List<String> nodes;
    String namespace;

    @BeforeAll
    void startOperator(ControlPlane cp, TestNamespace ns) {
        this.cp = cp;
        this.client = cp.client();
        this.namespace = ns.name();
        cp.installCrds();
        nodes = cp.startKwok(3);
        OperatorSettings settings = PolicySettings.inNamespace(namespace);
        operatorClient = cp.newClient();
        NodeStateWriter writer = new NodeStateWriter(operatorClient, true);
        PolicySetCache policySets = new PolicySetCache();
        NodeStateCache nodeStates = new NodeStateCache();
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false));
        operator.register(new NodeStateReconciler(settings, policySets, new GrantLedger(), writer,
                new DevicePluginConfigMap(operatorClient, settings), nodeStates));
        operator.register(new PolicyStatusReconciler(policySets, nodeStates, new EventRecorder(operatorClient)));
        operator.start();
    }

    @AfterAll
    void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
        client.resources(NfvNodePolicy.class).withName("it-kwok").delete();
        client.resources(NfvNodePolicy.class).withName("it-gc").delete();
        if (operatorClient != null) {
            operatorClient.close();
        }
    }

    @Test
    void serverSideAppliedStatesOnThreeKwokNodesAndNoWritesOnceConverged() throws Exception {
        client.resource(YAML.readValue("""
                metadata: {name: it-kwok}
                spec:
                  nodeSelector:
                    matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [%s]}]
                  hugepages: {pages: [{size: 2Mi, count: 256}]}
                  sriov: [{name: dpdk, resourceName: it_dpdk, numVfs: 4, deviceType: vfio-pci, nicSelector: {pfNames: ["ens1f0#0-1"]}}]
                """.formatted(String.join(", ", nodes)), NfvNodePolicy.class)).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String n : nodes) {
                NfvNodeState s = client.resources(NfvNodeState.class).withName(n).get();
                assertThat(s).as(n).isNotNull();
                assertThat(s.getSpec().getPolicies()).containsExactly("it-kwok");
                Node node = client.nodes().withName(n).get();
                assertThat(s.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(r -> assertThat(r.getUid()).isEqualTo(node.getMetadata().getUid()));
                assertThat(s.getMetadata().getManagedFields()).anySatisfy(f -> {
                    assertThat(f.getManager()).isEqualTo(NodeStateWriter.FIELD_MANAGER);
                    assertThat(f.getOperation()).isEqualTo("Apply");
                });
            }
            assertThat(client.resources(NfvNodePolicy.class).withName("it-kwok").get().getStatus().getMatchedNodes())
                    .isEqualTo(3);
        });

        // The agent of worker-0 reports its NICs under its own field manager; the operator's next apply
        // resolves the pool and leaves the agent's status as it was.
        String n0 = nodes.get(0);
        NfvNodeState state = client.resources(NfvNodeState.class).withName(n0).get();
        NfvNodeStateStatus status = new NfvNodeStateStatus();
        status.setInventory(YAML.readValue("""
                nics: [{pciAddress: "0000:86:00.0", vendor: "8086", deviceID: "1592", class: network, name: ens1f0, totalVfs: 64}]
                """, NodeInventory.class));
        status.setMessage("inventory reported");
        state.setStatus(status);
        state.getMetadata().setManagedFields(null);
        state.getMetadata().setResourceVersion(null);
        client.resource(state).subresource("status").patch(new PatchContext.Builder().withForce(true)
                .withFieldManager("test-agent").withPatchType(PatchType.SERVER_SIDE_APPLY).build());
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = client.resources(NfvNodeState.class).withName(n0).get();
            assertThat(s.getSpec().getInterfaces()).singleElement()
                    .satisfies(pf -> assertThat(pf.getVfGroups()).singleElement()
                            .satisfies(g -> assertThat(g.getLast()).isEqualTo(1)));
            assertThat(s.getStatus().getMessage()).isEqualTo("inventory reported");
            Map<String, String> keys = devicePluginKeys();
            assertThat(keys.get(n0)).contains("ens1f0#0-1");
            assertThat(keys).containsKeys(nodes.toArray(String[]::new));
        });

        // Converged once the rate-limited policy status caught up (quiet for longer than its 2 s period):
        // then node label changes wake every node reconcile, and nothing is written.
        Predicate<AuditLog.Event> ours = e -> List.of("nfvnodestates", "configmaps", "nfvnodepolicies").contains(e.resource());
        cp.auditLog().awaitQuiet("admin", ours, Duration.ofSeconds(5), TIMEOUT);
        long mark = cp.auditLog().mark();
        for (String n : nodes) {
            client.nodes().withName(n).edit(x -> new NodeBuilder(x).editMetadata()
                    .addToLabels("policy-it/touched", Long.toString(System.nanoTime())).endMetadata().build());
        }
        Thread.sleep(3000);
        AuditLog log = cp.auditLog();
        // The controllers run in this JVM as the admin user; the cluster's own controllers write too
        // (e.g. kube-root-ca.crt into other test classes' namespaces), which is not ours to count.
        List<AuditLog.Event> writes = log.since(mark).stream().filter(e -> e.isWriteBy("admin")).filter(ours).toList();
        assertThat(writes).as("writes after convergence").isEmpty();
        assertThat(Conditions.find(client.resources(NfvNodePolicy.class).withName("it-kwok").get().getStatus()
                .getConditions(), "Progressing")).isPresent();
    }

    @Test
    void aNodesStateGoesWithTheNode() throws Exception {
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName("policy-it-gc")
                .addToLabels("policy-it/gc", "yes").endMetadata().build()).create();
        client.resource(YAML.readValue("""
                metadata: {name: it-gc}
                spec:
                  nodeSelector: {matchLabels: {policy-it/gc: "yes"}}
                  cpu: {managerPolicy: static, reserved: "0-1"}
                """, NfvNodePolicy.class)).create();
        await().atMost(TIMEOUT).until(() -> client.resources(NfvNodeState.class).withName("policy-it-gc").get() != null);
        assertThat(client.resources(NfvNodeState.class).withName("policy-it-gc").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(r -> assertThat(r.getUid()).isEqualTo(node.getMetadata().getUid()));

        client.nodes().withName("policy-it-gc").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.resources(NfvNodeState.class).withName("policy-it-gc").get()).isNull();
            Map<String, String> keys = devicePluginKeys();
            // A deleted node's state (garbage-collected with it) makes the next reconcile of any node drop its key.
            client.nodes().withName(nodes.get(1)).edit(x -> new NodeBuilder(x).editMetadata()
                    .addToLabels("policy-it/nudge", Long.toString(System.nanoTime())).endMetadata().build());
            assertThat(keys).doesNotContainKey("policy-it-gc");
        });
    }

    /** Every node's device plugin key, from all the maps (each node's key is in the map its name hashes to). */
    private Map<String, String> devicePluginKeys() {
        Map<String, String> keys = new HashMap<>();
        for (ConfigMap cm : client.configMaps().inNamespace(namespace).withLabelSelector(DevicePluginConfigMap.SELECTOR).list()
                .getItems()) {
            if (cm.getData() != null) {
                cm.getData().forEach((node, value) -> {
                    assertThat(cm.getMetadata().getName()).as("map of %s", node).isEqualTo(DevicePluginNodeConfig.mapOf(node));
                    keys.put(node, value);
                });
            }
        }
        return keys;
    }
}
