package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinitionSpec;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.controller.policy.DevicePluginConfigMap;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.testbed.AuditLog;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The RBAC of the operator and of the node agent is exactly what they need. The packaged operator and
 * a simulated agent fleet (the same artifact in agent mode, simulating the KWOK nodes' hosts) run under
 * the install's own ServiceAccounts and rules (deploy/rbac/, as the plain manifest grants them), every
 * controller and the agent's apply-and-drain path are exercised on a real API server, and the audit log
 * tells which permissions each account used:
 * <ul>
 * <li>a request the API server refused means a rule is missing;</li>
 * <li>a granted permission never used is superfluous, unless the operator holds it to grant it to a
 * component's ClusterRole (read from the ClusterRoles it created), or it is explained in
 * {@link #NOT_EXERCISED};</li>
 * <li>a cluster-wide grant only ever used in the operator's own namespace belongs in the Role.</li>
 * </ul>
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacIsMinimalIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Operator permissions needed on paths this run cannot take; each says why. Each must be granted. */
    static final Map<Permission, String> NOT_EXERCISED = Map.of(
            new Permission("update", "nfv.dataplane.io", "nfvnetworks/finalizers"),
            "blockOwnerDeletion on the NADs' owner reference: an authorization check of the "
                    + "OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift), not a request",
            new Permission("update", "nfv.dataplane.io", "nfvoperatorconfigs/finalizers"),
            "blockOwnerDeletion on the component objects' owner reference (as above)",
            new Permission("create", "nfv.dataplane.io", "nfvnodestates"),
            "the operator's apply creates a node's state when its agent has not registered it (not running yet, or "
                    + "dataplane.agent.register-state=false); here the agents registered every state first",
            new Permission("update", "coordination.k8s.io", "leases"),
            "java-operator-sdk refuses to start leader election without it (LeaderElectionManager.checkLeaseAccess); "
                    + "fabric8's lease lock itself patches");

    /** Agent permissions needed on paths this run cannot take. */
    static final Map<Permission, String> AGENT_NOT_EXERCISED = Map.of(
            new Permission("get", "nfd.k8s-sigs.io", "nodefeatures"),
            "capabilities as an NFD NodeFeature: only where NFD's CRD is installed (the test cluster has none, "
                    + "the agent labels the node instead)",
            new Permission("create", "nfd.k8s-sigs.io", "nodefeatures"), "as above",
            new Permission("patch", "nfd.k8s-sigs.io", "nodefeatures"), "as above");
    static final String AGENT = "dataplane-agent";

    private ControlPlane cp;
    private KubernetesClient client;
    private String operatorNs;
    private String workloadNs;
    private InstalledRbac rbac;
    private OperatorProcess operator;
    private AgentFleetProcess agents;
    private long mark;
    private List<String> nodes;

    @BeforeAll
    void startOperatorUnderItsOwnRbac(ControlPlane cp, TestNamespace ns) {
        this.cp = cp;
        this.client = cp.client();
        this.operatorNs = ns.name();
        this.workloadNs = ns.name() + "-cnf";
        cp.installCrds();
        nodes = cp.startKwok(2);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(workloadNs).endMetadata().build()).create();
        // The operator creates the singleton itself when it is missing: let it, so that path is exercised.
        client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
        await().atMost(TIMEOUT).until(() -> client.resources(NfvOperatorConfig.class)
                .withName(NfvOperatorConfig.SINGLETON_NAME).get() == null);
        // Earlier classes on this control plane may have left node states: the operator must create them
        // itself here, so that path (server-side apply that creates, which needs `create`) is exercised.
        client.resources(NfvNodeState.class).delete();
        await().atMost(TIMEOUT).until(() -> client.resources(NfvNodeState.class).list().getItems().isEmpty());
        rbac = InstalledRbac.apply(cp, operatorNs);
        mark = cp.auditLog().mark();
        operator = OperatorProcess.start(cp, rbac.kubeconfig(InstalledRbac.OPERATOR), "operator-rbac-minimal",
                Map.of("OPERATOR_NAMESPACE", operatorNs, "POD_NAME", "rbac-minimal-0",
                        "DATAPLANE_LEADER_ELECTION_ENABLED", "true"));
        // The agents of the two KWOK nodes, on simulated hosts, under the agent's own ServiceAccount.
        agents = AgentFleetProcess.start(cp, rbac.kubeconfig(AGENT), "agents-rbac-minimal", nodes, operatorNs);
    }

    @AfterAll
    void stop() {
        if (agents != null) {
            agents.close();
        }
        if (operator != null) {
            operator.close();
        }
        client.resources(NfvNodePolicy.class).withName("it-rbac").delete();
        client.namespaces().withName(workloadNs).delete();
        if (rbac != null) {
            rbac.close();
        }
    }

    /** Exercise steps that did not reach their expected state (reported after the RBAC findings). */
    private final List<String> incomplete = new ArrayList<>();
    /** Rules of the ClusterRoles the operator created for components (collected before one is switched off). */
    private final Set<Permission> heldToGrant = new TreeSet<>();

    @Test
    void operatorAndAgentUseEveryPermissionTheyHoldAndNoneTheyLack() throws InterruptedException {
        exerciseOperatorConfig();
        exercisePolicies();
        exerciseNetworks();
        Thread.sleep(3000); // the last responses reach the audit log
        List<AuditLog.Event> audit = cp.auditLog().since(mark);
        heldToGrant.addAll(heldToGrantComponents());

        SoftAssertions softly = new SoftAssertions();
        check(softly, InstalledRbac.OPERATOR, audit, heldToGrant, NOT_EXERCISED);
        check(softly, AGENT, audit, Set.of(), AGENT_NOT_EXERCISED);
        softly.assertThat(operator.isAlive()).as("operator alive").isTrue();
        softly.assertThat(agents.isAlive()).as("agents alive").isTrue();
        softly.assertThat(incomplete).as("exercise steps that did not complete (the RBAC comparison is then partial)")
                .isEmpty();
        softly.assertAll();
    }

    private void check(SoftAssertions softly, String serviceAccount, List<AuditLog.Event> audit,
            Set<Permission> held, Map<Permission, String> notExercised) {
        String user = rbac.username(serviceAccount);
        List<AuditLog.Event> events = audit.stream().filter(e -> user.equals(e.user())).toList();
        ServiceAccountRbac granted = ServiceAccountRbac.find(rbac.rbac(), serviceAccount);
        PermissionUsage usage = PermissionUsage.analyse(granted, operatorNs, events, held, notExercised.keySet());
        System.out.printf("[rbac] %s: %d requests; held only to grant to components: %s%n%s", serviceAccount,
                events.size(), held, usage.report());
        notExercised.forEach((p, why) -> System.out.printf("[rbac] %s, not exercised here: %s -- %s%n", serviceAccount, p, why));

        Set<Permission> all = new TreeSet<>(Permission.of(granted.clusterRules()));
        all.addAll(Permission.of(granted.namespacedRules()));
        softly.assertThat(all).as("%s: every explained-but-not-exercised permission is granted", serviceAccount)
                .containsAll(notExercised.keySet());
        softly.assertThat(usage.forbidden()).as("%s: requests the API server refused: rules missing in deploy/rbac/\n%s",
                serviceAccount, usage.report()).isEmpty();
        softly.assertThat(usage.unused()).as("%s: granted but never used, not held to grant, not explained\n%s",
                serviceAccount, usage.report()).isEmpty();
        softly.assertThat(usage.clusterWideButUsedInOwnNamespaceOnly())
                .as("%s: cluster-wide rules used only in the install namespace: move them to its Role\n%s", serviceAccount,
                        usage.report()).isEmpty();
    }

    /** Waits for a step's outcome; a step that does not get there is recorded, and the run goes on. */
    private void step(String what, ThrowingRunnable outcome) {
        try {
            await().atMost(TIMEOUT).untilAsserted(outcome);
        } catch (ConditionTimeoutException e) {
            String why = what + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            System.out.println("[rbac] step did not complete: " + why);
            incomplete.add(why);
        }
    }

    /** The default config is created, rolled out (DaemonSets and their RBAC), then a component switched off. */
    private void exerciseOperatorConfig() {
        step("default config created and rolled out", () -> {
            NfvOperatorConfig config = client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).get();
            assertThat(config).as("NfvOperatorConfig default, created by the operator").isNotNull();
            assertThat(config.getStatus()).as("its status").isNotNull();
            assertThat(config.getStatus().getConditions()).isNotEmpty();
            assertThat(client.apps().daemonSets().inNamespace(operatorNs).list().getItems()).as("component DaemonSets")
                    .isNotEmpty();
        });
        heldToGrant.addAll(heldToGrantComponents());
        // Multus has every kind of component object (DaemonSet, ServiceAccount, ConfigMap, ClusterRole, binding).
        client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"multus\":{\"enabled\":false}}}");
        step("Multus switched off", () -> {
            assertThat(client.apps().daemonSets().inNamespace(operatorNs).withName("dataplane-multus").get())
                    .as("Multus DaemonSet removed").isNull();
            assertThat(client.rbac().clusterRoles().withName("dataplane-multus").get()).as("Multus ClusterRole removed")
                    .isNull();
        });
    }

    /**
     * A policy selects two nodes: states, device plugin config and policy status; the agents apply it, the
     * huge pages through a disruption grant (cordon, drain of a pod, uncordon); then the policy goes away.
     */
    private void exercisePolicies() {
        await().atMost(TIMEOUT).until(() -> client.serviceAccounts().inNamespace(workloadNs).withName("default").get() != null);
        client.pods().inNamespace(workloadNs).resource(new PodBuilder().withNewMetadata().withName("drain-me")
                .endMetadata().withNewSpec().withNodeName(nodes.get(0)).addNewContainer().withName("c")
                .withImage("example.invalid/cnf:1").endContainer().endSpec().build()).create();
        client.resource(Serialization.unmarshal("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvNodePolicy
                metadata: {name: it-rbac}
                spec:
                  nodeSelector:
                    matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [%s]}]
                  hugepages: {pages: [{size: 2Mi, count: 64}]}
                  sriov: [{name: net, resourceName: it_rbac, numVfs: 2, deviceType: netdevice, nicSelector: {pfNames: [ens1f0]}}]
                """.formatted(String.join(", ", nodes)), NfvNodePolicy.class)).create();
        step("policy applied to its nodes", () -> {
            for (String n : nodes) {
                NfvNodeState s = client.resources(NfvNodeState.class).withName(n).get();
                assertThat(s).as("state of %s", n).isNotNull();
                assertThat(s.getSpec()).as("intent in the state of %s (its agent registered it without one)", n).isNotNull();
                assertThat(s.getSpec().getPolicies()).contains("it-rbac");
            }
            NfvNodePolicy p = client.resources(NfvNodePolicy.class).withName("it-rbac").get();
            assertThat(p.getStatus()).as("policy status").isNotNull();
            assertThat(p.getStatus().getMatchedNodes()).isEqualTo(nodes.size());
            assertThat(client.configMaps().inNamespace(operatorNs).withLabelSelector(DevicePluginConfigMap.SELECTOR).list()
                    .getItems()).as("device plugin ConfigMaps").isNotEmpty();
        });
        step("agents applied the policy, draining through a disruption grant", () -> {
            for (String n : nodes) {
                NfvNodeState s = client.resources(NfvNodeState.class).withName(n).get();
                assertThat(s.getStatus()).as("status of %s", n).isNotNull();
                assertThat(s.getStatus().getLastAppliedGeneration()).as("applied generation of %s", n)
                        .isEqualTo(s.getMetadata().getGeneration());
                assertThat(client.nodes().withName(n).get().getSpec().getUnschedulable()).as("%s uncordoned", n)
                        .isNotEqualTo(Boolean.TRUE);
            }
            assertThat(client.pods().inNamespace(workloadNs).withName("drain-me").get()).as("pod evicted by the drain")
                    .isNull();
        });
        // A label change on a node is an event of the node controller.
        client.nodes().withName(nodes.get(0)).edit(n -> {
            n.getMetadata().getLabels().put("it-rbac/touched", "true");
            return n;
        });
        client.resources(NfvNodePolicy.class).withName("it-rbac").delete();
        step("deleted policy removed from the node states", () -> {
            for (String n : nodes) {
                NfvNodeState s = client.resources(NfvNodeState.class).withName(n).get();
                assertThat(s == null || s.getSpec() == null || !s.getSpec().getPolicies().contains("it-rbac")).as("state of %s forgets it", n)
                        .isTrue();
            }
        });
    }

    /** A network is rendered, a hand edit of its NAD reverted, an invalid one reported; then deleted. */
    private void exerciseNetworks() {
        client.resource(network("it-net", "{type: sriov, resourceName: it_rbac}")).create();
        awaitReady("it-net", true);
        client.resources(NetworkAttachmentDefinition.class).inNamespace(workloadNs).withName("it-net").edit(n -> {
            n.setSpec(new NetworkAttachmentDefinitionSpec("{\"cniVersion\":\"1.0.0\",\"type\":\"macvlan\"}"));
            return n;
        });
        step("hand edit of the NAD reverted", () -> assertThat(client.resources(NetworkAttachmentDefinition.class)
                .inNamespace(workloadNs).withName("it-net").get().getSpec().getConfig()).contains("\"sriov\""));
        client.resource(network("it-bad", "{type: sriov, resourceName: it_rbac, ipam: {subnet: 10.9.0.0/24}}")).create();
        awaitReady("it-bad", false);
        client.resources(NfvNetwork.class).inNamespace(workloadNs).withName("it-net").delete();
        client.resources(NfvNetwork.class).inNamespace(workloadNs).withName("it-bad").delete();
    }

    /** Rules of the ClusterRoles the operator created for its components: it must hold them to grant them. */
    private Set<Permission> heldToGrantComponents() {
        Set<Permission> out = new TreeSet<>();
        for (ClusterRole role : client.rbac().clusterRoles().withLabel("app.kubernetes.io/managed-by", "dataplane-operator")
                .list().getItems()) {
            out.addAll(Permission.of(role.getRules()));
        }
        return out;
    }

    private NfvNetwork network(String name, String spec) {
        return Serialization.unmarshal("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvNetwork
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(name, workloadNs, spec), NfvNetwork.class);
    }

    private void awaitReady(String name, boolean ready) {
        step("network " + name + " Ready=" + ready, () -> {
            NfvNetwork n = client.resources(NfvNetwork.class).inNamespace(workloadNs).withName(name).get();
            assertThat(n.getStatus()).as("status of %s", name).isNotNull();
            assertThat(Conditions.isTrue(n.getStatus().getConditions(), Conditions.READY)).as("Ready of %s: %s", name,
                    n.getStatus().getConditions()).isEqualTo(ready);
        });
    }
}
