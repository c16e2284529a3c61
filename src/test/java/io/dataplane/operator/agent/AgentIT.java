package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.agent.apply.Reasons;
import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.EventRecorder;
import io.dataplane.operator.controller.policy.DevicePluginConfigMap;
import io.dataplane.operator.controller.policy.GrantLedger;
import io.dataplane.operator.controller.policy.NodeStateCache;
import io.dataplane.operator.controller.policy.NodeStateReconciler;
import io.dataplane.operator.controller.policy.NodeStateWriter;
import io.dataplane.operator.controller.policy.PolicySetCache;
import io.dataplane.operator.controller.policy.PolicyStatusReconciler;
import io.dataplane.operator.e2e.ServiceAccountIdentity;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.policy.NodeStates;
import io.dataplane.operator.testbed.AuditLog;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.dataplane.operator.testsupport.PolicySettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * On a real API server with three KWOK nodes: the operator's policy controllers (in this JVM) write
 * NfvNodeState specs from a policy, three simulated agents (one {@link SimulatedFleet}, under the
 * agent's own ServiceAccount bound to deploy/rbac/agent-clusterrole.yaml) apply them on their
 * simulated hosts and write status by server-side apply. Disruptive changes go one node at a time
 * through the operator's grants, drains honour a PodDisruptionBudget, a converged fleet writes
 * nothing (audit log), and deleting the policy reverts every host.
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String AGENT_NS = "dataplane-operator";
    static final String AGENT_SA = "dataplane-agent";
    static final String PF = "0000:18:00.0";
    static final String POLICY = "agent-it";

    ControlPlane cp;
    KubernetesClient admin;
    KubernetesClient operatorClient;
    KubernetesClient agentClient;
    Operator operator;
    SimulatedFleet fleet;
    SharedIndexInformer<Node> cordons;
    SharedIndexInformer<NfvNodeState> progress;
    /** Per node, every Progressing reason its status showed, in order. */
    final Map<String, List<String>> reasons = new ConcurrentHashMap<>();
    final Set<String> cordoned = ConcurrentHashMap.newKeySet();
    final AtomicInteger maxCordoned = new AtomicInteger();
    List<String> nodes;
    String namespace;

    @BeforeAll
    void start(ControlPlane cp, TestNamespace ns) throws Exception {
        this.cp = cp;
        this.admin = cp.client();
        this.namespace = ns.name();
        cp.installCrds();
        nodes = cp.startKwok(3);
        Path kubeconfig = ServiceAccountIdentity.create(cp, AGENT_NS, AGENT_SA, Path.of("deploy/rbac/agent-clusterrole.yaml"));
        // The agent process's own client (JDK HTTP, only the kinds it uses), under the agent's identity.
        agentClient = AgentMain.client(Config.fromKubeconfig(Files.readString(kubeconfig)));

        OperatorSettings settings = PolicySettings.inNamespace(namespace);
        operatorClient = cp.newClient();
        operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false));
        PolicySetCache policySets = new PolicySetCache();
        NodeStateCache nodeStates = new NodeStateCache();
        operator.register(new NodeStateReconciler(settings, policySets, new GrantLedger(), new NodeStateWriter(operatorClient, true),
                new DevicePluginConfigMap(operatorClient, settings), nodeStates));
        operator.register(new PolicyStatusReconciler(policySets, nodeStates, new EventRecorder(operatorClient)));
        operator.start();

        // How many nodes are disrupted (cordoned) at once, over the whole run.
        cordons = admin.nodes().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node n) {
                track(n);
            }

            @Override
            public void onUpdate(Node o, Node n) {
                track(n);
            }

            @Override
            public void onDelete(Node n, boolean unknown) {
                cordoned.remove(n.getMetadata().getName());
            }
        }, 0);
        progress = admin.resources(NfvNodeState.class).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(NfvNodeState s) {
                onUpdate(null, s);
            }

            @Override
            public void onUpdate(NfvNodeState o, NfvNodeState s) {
                String reason = s.getStatus() == null ? null : Conditions.reason(s.getStatus().getConditions(), Conditions.PROGRESSING);
                if (reason != null) {
                    List<String> seen = reasons.computeIfAbsent(s.getMetadata().getName(), k -> new CopyOnWriteArrayList<>());
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(reason)) {
                        seen.add(reason);
                    }
                }
            }

            @Override
            public void onDelete(NfvNodeState s, boolean unknown) {
            }
        }, 0);

        // Fresh hosts: a root left by an earlier run would come back as after a reboot (drop-in and state file kept).
        Path hosts = cp.dir().resolve("agent-it-hosts-" + System.currentTimeMillis());
        fleet = SimulatedFleet.start(agentClient, nodes, new SimulatedFleet.Options().dir(hosts).namespace(AGENT_NS)
                .resync(Duration.ofSeconds(3)).hosts(SimulatedHosts.bareMetal(HardwareProfile.INTEL_E810, HardwareProfile.MELLANOX_CX5)));
        await().atMost(TIMEOUT).until(fleet::ready);
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (operator != null) {
            operator.stop();
        }
        if (cordons != null) {
            cordons.close();
        }
        if (progress != null) {
            progress.close();
        }
        admin.resources(NfvNodePolicy.class).withName(POLICY).delete();
        admin.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
        for (KubernetesClient c : new KubernetesClient[] {operatorClient, agentClient}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Under the agent's RBAC each agent registered its node's state: no spec, the host reported, owned by the Node. */
    @Test
    @Order(0)
    void theAgentsRegisterTheirNodesStatesBeforeAnyPolicy() {
        for (String n : nodes) {
            NfvNodeState s = admin.resources(NfvNodeState.class).withName(n).get();
            assertThat(s).as(n).isNotNull();
            assertThat(s.getSpec()).as("%s: the agent writes no intent", n).isNull();
            assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
                assertThat(r.getKind()).isEqualTo("Node");
                assertThat(r.getUid()).isEqualTo(admin.nodes().withName(n).get().getMetadata().getUid());
            });
            assertThat(s.getStatus().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
            assertThat(Conditions.reason(s.getStatus().getConditions(), Conditions.READY)).isEqualTo(Reasons.NO_INTENT);
            assertThat(s.getStatus().getInventory().getNics()).extracting(NicInventory::getPciAddress).contains(PF);
            assertThat(fleet.host(n).read("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).as("nothing applied").isEqualTo("0");
        }
    }

    @Test
    @Order(1)
    void policiesInStatusOut() throws Exception {
        createPolicy(8);
        awaitAllInSync(8);
        for (String n : nodes) {
            assertThat(fleet.host(n).read("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).isEqualTo("8");
            String vf0 = fleet.host(n).linkName("/sys/bus/pci/devices/" + PF + "/virtfn0").orElseThrow();
            String vf7 = fleet.host(n).linkName("/sys/bus/pci/devices/" + PF + "/virtfn7").orElseThrow();
            assertThat(fleet.host(n).linkName("/sys/bus/pci/devices/" + vf0 + "/driver")).contains("vfio-pci");
            assertThat(fleet.host(n).linkName("/sys/bus/pci/devices/" + vf7 + "/driver")).contains("iavf");
            assertThat(fleet.host(n).read("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages")).isEqualTo("256");
            assertThat(fleet.host(n).read("/etc/kubernetes/kubelet.conf.d/99-dataplane-operator.conf")).contains("cpuManagerPolicy: static");
            assertThat(fleet.commands(n).calls()).containsExactly("stop kubelet", "start kubelet");
            assertThat(Files.readString(fleet.dir().resolve(n).resolve(SimulatedFleet.COMMAND_LOG)))
                    .isEqualTo("systemctl stop kubelet\nsystemctl start kubelet\n");

            NfvNodeState s = admin.resources(NfvNodeState.class).withName(n).get();
            assertThat(s.getMetadata().getManagedFields()).anySatisfy(f -> {
                assertThat(f.getManager()).isEqualTo("dataplane-agent");
                assertThat(f.getOperation()).isEqualTo("Apply");
                assertThat(f.getSubresource()).isEqualTo("status");
            });
            assertThat(s.getStatus().getInventory().getKubelet().getCpuManagerPolicy()).isEqualTo("static");
            assertThat(admin.nodes().withName(n).get().getMetadata().getLabels())
                    .containsEntry(NodeCapabilities.SRIOV_CONFIGURED, "true").containsEntry(NodeCapabilities.HUGEPAGES_2MI, "true");
            assertThat(admin.nodes().withName(n).get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        }
        assertThat(maxCordoned.get()).as("maxUnavailable 1: one node cordoned at a time").isEqualTo(1);
        for (String n : nodes) {
            assertThat(reasons.get(n)).as("%s: no pod to evict, so no draining status before the change", n)
                    .contains("AwaitingDisruptionGrant").doesNotContain("Draining");
        }
        // The policy status is rate limited (one pass per 2 s): it follows the states shortly after.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                admin.resources(NfvNodePolicy.class).withName(POLICY).get().getStatus().getReadyNodes()).isEqualTo(3));

        // Converged: resyncs every 3 s re-read the hosts, and nothing is written.
        Thread.sleep(2000);
        long mark = cp.auditLog().mark();
        long reconciles = fleet.loop(nodes.get(0)).reconciles();
        Thread.sleep(12_000);
        String user = ServiceAccountIdentity.username(AGENT_NS, AGENT_SA);
        List<AuditLog.Event> writes = cp.auditLog().since(mark).stream().filter(e -> e.isWriteBy(user)).toList();
        System.out.printf("[agent-it] agent writes in 12 s after convergence: %d (reconciles meanwhile: %d)%n", writes.size(),
                fleet.loop(nodes.get(0)).reconciles() - reconciles);
        assertThat(fleet.loop(nodes.get(0)).reconciles()).as("resyncs happened").isGreaterThan(reconciles + 2);
        assertThat(writes).as("writes by the agents once converged").isEmpty();
    }

    @Test
    @Order(2)
    void drainHonoursAPodDisruptionBudgetAndTheRolloutStopsAtTheFailedNode() throws Exception {
        admin.resource(YAML.readValue("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvOperatorConfig
                metadata: {name: default}
                spec: {drain: {timeoutSeconds: 4}}
                """, NfvOperatorConfig.class)).serverSideApply();
        // On every node a pod its budget forbids evicting: whichever node is granted first cannot drain.
        for (String n : nodes) {
            admin.resource(new PodBuilder().withNewMetadata().withName("pinned-" + n).withNamespace(namespace)
                    .addToLabels("app", "pinned-" + n).endMetadata()
                    .withNewSpec().withNodeName(n).addNewContainer().withName("c").withImage("registry.invalid/pause:1").endContainer()
                    .endSpec().build()).create();
            admin.resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName("pinned-" + n).withNamespace(namespace).endMetadata()
                    .withNewSpec().withNewMinAvailable(1).withNewSelector().addToMatchLabels("app", "pinned-" + n).endSelector().endSpec()
                    .build()).create();
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String n : nodes) {
                var pdb = admin.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("pinned-" + n).get();
                assertThat(pdb.getStatus().getCurrentHealthy()).as("pod on %s running and ready", n).isEqualTo(1);
            }
        });

        updatePolicy(16);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<NfvNodeState> failed = nodes.stream().map(this::state)
                    .filter(s -> s.getStatus() != null && s.getStatus().getSyncStatus() == SyncStatus.FAILED).toList();
            assertThat(failed).hasSize(1);
            NfvNodeState s = failed.get(0);
            String n = s.getMetadata().getName();
            assertThat(Conditions.reason(s.getStatus().getConditions(), Conditions.DEGRADED)).isEqualTo("DrainFailed");
            assertThat(s.getStatus().getMessage()).contains(namespace + "/pinned-" + n, "drain timed out after 4s",
                    "refused by a PodDisruptionBudget");
            assertThat(s.getStatus().getCordoned()).isFalse();
            assertThat(reasons.get(n)).as("a pod to evict: the status said draining before the evictions").contains("Draining");
            assertThat(s.getStatus().getDisruptionRequired()).isTrue();
            assertThat(s.getSpec().getDisruptionAllowed()).as("a failed node keeps its grant").isTrue();
            assertThat(admin.nodes().withName(n).get().getSpec().getUnschedulable()).as("given back after the failed drain")
                    .isNotEqualTo(Boolean.TRUE);
            assertThat(fleet.host(n).read("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).as("nothing disruptive done").isEqualTo("8");
            for (String other : nodes) {
                if (!other.equals(n)) {
                    NfvNodeState o = state(other);
                    assertThat(o.getStatus().getSyncStatus()).as("%s waits: the failed node holds the only slot", other)
                            .isEqualTo(SyncStatus.IN_PROGRESS);
                    assertThat(o.getSpec().getDisruptionAllowed()).as("the spent grant went with the new intent").isNotEqualTo(Boolean.TRUE);
                }
            }
        });

        for (String n : nodes) {
            admin.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("pinned-" + n).delete();
        }
        // The failed node retries on its backoff, up to a minute after a failed drain (the agent does not
        // watch budgets); then the other two drain and apply one after the other.
        awaitAllInSync(16, TIMEOUT.plus(AgentLoop.MAX_DRAIN_BACKOFF));
        for (String n : nodes) {
            assertThat(admin.pods().inNamespace(namespace).withName("pinned-" + n).get()).as("evicted from %s", n).isNull();
            assertThat(fleet.host(n).read("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).isEqualTo("16");
        }
        assertThat(maxCordoned.get()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void deletingThePolicyRevertsEveryHost() {
        admin.resources(NfvNodePolicy.class).withName(POLICY).delete();
        // The operator writes an empty intent for nodes no policy selects any more (docs/policies.md).
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String n : nodes) {
                NfvNodeState s = state(n);
                assertThat(s.getSpec() == null ? List.of() : s.getSpec().getPolicies()).isEmpty();
                assertThat(s.getStatus().getSyncStatus()).as(n + ": " + s.getStatus().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
                assertThat(s.getStatus().getLastAppliedGeneration()).isEqualTo(s.getMetadata().getGeneration());
                assertThat(s.getStatus().getOwned()).isNull();
                assertThat(s.getStatus().getCordoned()).isFalse();
            }
        });
        for (String n : nodes) {
            assertThat(fleet.host(n).read("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).isEqualTo("0");
            assertThat(fleet.host(n).exists("/etc/kubernetes/kubelet.conf.d/99-dataplane-operator.conf")).isFalse();
            assertThat(fleet.host(n).read("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages")).isEqualTo("0");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(admin.nodes().withName(n).get().getMetadata().getLabels())
                    .doesNotContainKey(NodeCapabilities.SRIOV_CONFIGURED).doesNotContainKey(NodeCapabilities.HUGEPAGES_2MI)
                    .containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true"));
        }
        assertThat(maxCordoned.get()).as("reverting nodes share a budget of one").isEqualTo(1);
    }

    @Test
    @Order(4)
    void withNodeFeatureDiscoveryCapabilitiesGoToANodeFeature() throws Exception {
        CustomResourceDefinition crd = Serialization.unmarshal("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: nodefeatures.nfd.k8s-sigs.io}
                spec:
                  group: nfd.k8s-sigs.io
                  scope: Namespaced
                  names: {kind: NodeFeature, plural: nodefeatures, singular: nodefeature, listKind: NodeFeatureList}
                  versions:
                  - name: v1alpha1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """, CustomResourceDefinition.class);
        admin.resource(crd).serverSideApply();
        admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                        .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")), 60, TimeUnit.SECONDS);
        // The namespaced half of agent-clusterrole.yaml, bound in the agent's namespace.
        admin.load(Files.newInputStream(Path.of("deploy/rbac/agent-clusterrole.yaml"))).items().stream()
                .filter(i -> i.getKind().equals("Role")).forEach(r -> admin.resource(r).serverSideApply());
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("dataplane-agent-nodefeatures").withNamespace(AGENT_NS)
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "dataplane-agent-nodefeatures")
                .addNewSubject().withKind("ServiceAccount").withName(AGENT_SA).withNamespace(AGENT_NS).endSubject().build())
                .serverSideApply();

        String n = nodes.get(2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(CapabilityPublisher.forCluster(agentClient, n, AGENT_NS))
                .isInstanceOf(CapabilityPublisher.NodeFeatures.class));
        CapabilityPublisher nfd = CapabilityPublisher.forCluster(agentClient, n, AGENT_NS);
        Map<String, String> labels = NodeCapabilities.labels(state(n).getStatus().getInventory());
        assertThat(nfd.publish(labels)).isTrue();
        GenericKubernetesResource nf = admin.genericKubernetesResources(CapabilityPublisher.NFD_API, "NodeFeature").inNamespace(AGENT_NS)
                .withName(n).get();
        assertThat(nf.getMetadata().getLabels()).containsEntry(CapabilityPublisher.NFD_NODE_NAME_LABEL, n);
        assertThat(nf.getAdditionalProperties().get("spec")).isEqualTo(Map.of("labels", labels));
        assertThat(labels).containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true");
        CapabilityPublisher again = CapabilityPublisher.forCluster(agentClient, n, AGENT_NS);
        assertThat(again.publish(labels)).as("the same labels: no write").isFalse();
        admin.resource(crd).delete();
    }

    private void track(Node n) {
        if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
            cordoned.add(n.getMetadata().getName());
        } else {
            cordoned.remove(n.getMetadata().getName());
        }
        maxCordoned.accumulateAndGet(cordoned.size(), Math::max);
    }

    private void createPolicy(int numVfs) throws Exception {
        admin.resource(policy(numVfs)).create();
    }

    private void updatePolicy(int numVfs) throws Exception {
        NfvNodePolicy p = policy(numVfs);
        admin.resources(NfvNodePolicy.class).withName(POLICY).edit(x -> {
            x.setSpec(p.getSpec());
            return x;
        });
    }

    private NfvNodePolicy policy(int numVfs) throws Exception {
        return YAML.readValue("""
                metadata: {name: %s}
                spec:
                  nodeSelector:
                    matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [%s]}]
                  maxUnavailable: 1
                  sriov:
                  - {name: dpdk, resourceName: it_dpdk, numVfs: %d, deviceType: vfio-pci, nicSelector: {pfNames: ["ens1f0#0-3"]}}
                  - {name: kernel, resourceName: it_kernel, numVfs: %d, nicSelector: {pfNames: ["ens1f0#4-7"]}}
                  hugepages: {pages: [{size: 2Mi, count: 256, numaNode: 0}]}
                  cpu: {reserved: "0-1", managerPolicy: static}
                """.formatted(POLICY, String.join(", ", nodes), numVfs, numVfs), NfvNodePolicy.class);
    }

    private void awaitAllInSync(int numVfs) {
        awaitAllInSync(numVfs, TIMEOUT);
    }

    private void awaitAllInSync(int numVfs, Duration timeout) {
        await().atMost(timeout).untilAsserted(() -> {
            for (String n : nodes) {
                NfvNodeState s = state(n);
                assertThat(s).as(n).isNotNull();
                assertThat(s.getSpec()).as("%s: the operator's intent", n).isNotNull();
                assertThat(s.getSpec().getInterfaces()).as("%s: the operator resolved the pools from the agent's inventory", n)
                        .singleElement().satisfies(i -> assertThat(i.getNumVfs()).isEqualTo(numVfs));
                assertThat(s.getStatus()).as(n).isNotNull();
                assertThat(s.getStatus().getSyncStatus()).as(n + ": " + s.getStatus().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
                assertThat(s.getStatus().getLastAppliedGeneration()).isEqualTo(s.getMetadata().getGeneration());
                assertThat(NodeStates.holdsGrant(s)).as("%s: a grant, if any, is spent", n).isFalse();
                assertThat(s.getStatus().getCordoned()).isFalse();
            }
        });
    }

    private NfvNodeState state(String n) {
        return admin.resources(NfvNodeState.class).withName(n).get();
    }
}
