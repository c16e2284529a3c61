package io.dataplane.operator.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.policy.NodeStates;
import io.dataplane.operator.render.components.DevicePluginNodeConfig;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The two policy controllers against the fabric8 mock server (no SSA, no GC: the owner reference is
 * checked, the collection itself needs a real API server). Each test uses its own node and policy
 * names, since other test classes share this Quarkus application.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ApplyCrds.class)
class NodePolicyControllersTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    @Test
    void statesFollowThePoliciesThatSelectTheirNode() throws Exception {
        Node a = node("s1-a", Map.of("case", "select", "role", "worker"));
        node("s1-b", Map.of("case", "select", "role", "worker"));
        node("s1-c", Map.of("case", "select", "role", "storage"));
        createPolicy("""
                metadata: {name: s1-pol}
                spec:
                  nodeSelector: {matchLabels: {case: select, role: worker}}
                  hugepages: {pages: [{size: 1Gi, count: 2}]}
                  sriov: [{name: dpdk, resourceName: s1_dpdk, numVfs: 8, deviceType: vfio-pci, nicSelector: {pfNames: ["ens1f0#0-3"]}}]
                """);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String n : List.of("s1-a", "s1-b")) {
                NfvNodeState s = state(n);
                assertThat(s).as(n).isNotNull();
                assertThat(s.getSpec().getPolicies()).containsExactly("s1-pol");
                assertThat(s.getSpec().getHugepages().getPolicy()).isEqualTo("s1-pol");
                assertThat(s.getSpec().getInterfaces()).as("no PF before the agent's inventory").isEmpty();
            }
        });
        assertThat(state("s1-c")).as("a node no policy selects gets no state").isNull();
        assertThat(state("s1-a").getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getApiVersion()).isEqualTo("v1");
            assertThat(ref.getKind()).isEqualTo("Node");
            assertThat(ref.getName()).isEqualTo("s1-a");
            assertThat(ref.getUid()).isEqualTo(a.getMetadata().getUid()).isNotBlank();
            assertThat(ref.getBlockOwnerDeletion()).isFalse();
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodePolicy p = policy("s1-pol");
            assertThat(p.getStatus()).isNotNull();
            assertThat(p.getStatus().getMatchedNodes()).isEqualTo(2);
            assertThat(p.getStatus().getObservedGeneration()).isEqualTo(p.getMetadata().getGeneration());
            assertThat(condition(p, "Progressing").getReason()).isEqualTo("AwaitingInventory");
        });

        // The agent reports the NICs: the pool resolves to the PF and the device plugin gets its key.
        agent("s1-a", s -> s.getStatus().setInventory(YAML.readValue("""
                nics:
                  - {pciAddress: "0000:86:00.0", vendor: "8086", deviceID: "1592", class: network, name: ens1f0, totalVfs: 64}
                """, NodeInventory.class)));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(state("s1-a").getSpec().getInterfaces()).singleElement().satisfies(pf -> {
                assertThat(pf.getPciAddress()).isEqualTo("0000:86:00.0");
                assertThat(pf.getNumVfs()).isEqualTo(8);
                assertThat(pf.getVfGroups()).singleElement().satisfies(g -> {
                    assertThat(g.getFirst()).isZero();
                    assertThat(g.getLast()).isEqualTo(3);
                });
            });
            assertThat(devicePluginKey("s1-a")).contains("\"resourceName\":\"s1_dpdk\"", "\"pfNames\":[\"ens1f0#0-3\"]",
                    "\"devices\":[\"1889\"]", "\"drivers\":[\"vfio-pci\"]", "\"resourcePrefix\":\"dataplane.io\"");
        });

        // s1-b stops matching: it keeps its state, with an empty spec so its agent reverts.
        client.nodes().withName("s1-b").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("role", "storage").endMetadata().build());
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = state("s1-b");
            assertThat(s).isNotNull();
            assertThat(s.getSpec() == null ? List.of() : s.getSpec().getPolicies()).isEmpty();
            assertThat(s.getSpec() == null ? null : s.getSpec().getHugepages()).isNull();
            assertThat(devicePluginKey("s1-b")).isEqualTo("{\"resourceList\":[]}");
            assertThat(policy("s1-pol").getStatus()).isNotNull();
            assertThat(policy("s1-pol").getStatus().getMatchedNodes()).isEqualTo(1);
        });
    }

    @Test
    void aConflictDegradesTheLoserNamingWinnerNodeAndField() throws Exception {
        node("s2-a", Map.of("case", "conflict"));
        createPolicy("""
                metadata: {name: s2-high}
                spec:
                  nodeSelector: {matchLabels: {case: conflict}}
                  priority: 10
                  cpu: {managerPolicy: static, reserved: "0-1"}
                """);
        createPolicy("""
                metadata: {name: s2-low}
                spec:
                  nodeSelector: {matchLabels: {case: conflict}}
                  cpu: {managerPolicy: static, reserved: "0-3"}
                """);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = state("s2-a");
            assertThat(s).isNotNull();
            assertThat(s.getSpec().getPolicies()).containsExactly("s2-high", "s2-low");
            assertThat(s.getSpec().getCpu().getPolicy()).isEqualTo("s2-high");
            assertThat(s.getSpec().getCpu().getReserved()).isEqualTo("0-1");

            NfvNodePolicy loser = policy("s2-low");
            assertThat(loser.getStatus()).isNotNull();
            Condition degraded = condition(loser, "Degraded");
            assertThat(degraded.getStatus()).isEqualTo("True");
            assertThat(degraded.getReason()).isEqualTo("Conflict");
            assertThat(degraded.getMessage()).contains("s2-high", "s2-a", "cpu");
            assertThat(loser.getStatus().getConflicts()).singleElement().satisfies(c -> {
                assertThat(c.getWinner()).isEqualTo("s2-high");
                assertThat(c.getField()).isEqualTo("cpu");
                assertThat(c.getNodes()).containsExactly("s2-a");
            });
            assertThat(condition(policy("s2-high"), "Degraded").getStatus()).isEqualTo("False");
            // kubectl describe nfvnodepolicy s2-low shows it too.
            assertThat(client.v1().events().inNamespace("default").list().getItems())
                    .anySatisfy(e -> {
                        assertThat(e.getInvolvedObject().getName()).isEqualTo("s2-low");
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getReason()).isEqualTo("Conflict");
                    });
        });
    }

    @Test
    void disruptiveChangesGoOneNodeAtATimeAndAFailedNodeKeepsItsGrant() throws Exception {
        hugepagesOneAtATime("s3-pol", "budget", List.of("s3-a", "s3-b", "s3-c"));

        // Every agent finds the huge pages disruptive and asks; one node at a time gets to go.
        for (String n : List.of("s3-c", "s3-b", "s3-a")) {
            asksForAGrant(n);
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(granted()).hasSize(1));
        String first = granted().get(0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(granted()).as("never more than maxUnavailable at once").containsExactly(first));

        // The first finishes, which spends its grant: of the two still waiting, the one first by name goes
        // next, and the spent grant stays where it is (clearing it would be a write and a round trip).
        long firstGeneration = state(first).getMetadata().getGeneration();
        applied(first);
        List<String> waiting = List.of("s3-a", "s3-b", "s3-c").stream().filter(n -> !n.equals(first)).toList();
        String second = waiting.get(0);
        awaitGranted(List.of(second));
        assertThat(state(first).getMetadata().getGeneration()).as("no write after the grant was spent").isEqualTo(firstGeneration);
        assertThat(state(first).getSpec().getDisruptionAllowed()).isTrue();

        // The second fails while cordoned: it keeps the grant (its change is not over), the last keeps
        // waiting, and the policy says which node is cordoned and why.
        agent(second, s -> {
            s.getStatus().setSyncStatus(SyncStatus.FAILED);
            s.getStatus().setCordoned(true);
            s.getStatus().setMessage("drain failed: pod db-0 is protected by a PodDisruptionBudget");
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition degraded = condition(policy("s3-pol"), "Degraded");
            assertThat(degraded.getReason()).isEqualTo("NodeFailed");
            assertThat(degraded.getMessage()).contains(second + " (still cordoned): drain failed");
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(granted())
                .containsExactly(second));
    }

    @Test
    void aDisruptiveRepairAtAnAppliedGenerationWaitsForTheBudgetAgain() throws Exception {
        hugepagesOneAtATime("s6-pol", "repair", List.of("s6-a", "s6-b"));
        asksForAGrant("s6-a");
        await().atMost(TIMEOUT).until(() -> NodeStates.holdsGrant(state("s6-a")));
        applied("s6-a");
        // s6-b takes the slot; then s6-a's host drifts and its repair is disruptive: it asks at the
        // generation it applied, and must not ride on its spent grant.
        asksForAGrant("s6-b");
        await().atMost(TIMEOUT).until(() -> NodeStates.holdsGrant(state("s6-b")));
        long applied = state("s6-a").getMetadata().getGeneration();
        asksForAGrant("s6-a");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState a = state("s6-a");
            assertThat(a.getMetadata().getGeneration()).as("a new generation the agent has not applied").isGreaterThan(applied);
            assertThat(a.getSpec().getDisruptionAllowed()).as("the spent grant is cleared, s6-b holds the slot").isNotEqualTo(Boolean.TRUE);
        });
        // The agent asks again at the new generation; once s6-b spent its grant, s6-a gets a fresh one.
        agent("s6-a", s -> s.getStatus().setObservedGeneration(s.getMetadata().getGeneration()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !NodeStates.holdsGrant(state("s6-a")));
        applied("s6-b");
        await().atMost(TIMEOUT).until(() -> NodeStates.holdsGrant(state("s6-a")));
    }

    /**
     * Under {@code maxUnavailable: 100%} no node would ever wait, so the grant comes with the intent: the
     * agent applies all of it in one pass instead of reporting, asking and waiting for a second write. A
     * node that another, bounded policy also selects asks as before.
     */
    @Test
    void anUnboundedBudgetGrantsWithTheIntentAndAgainWithTheNextOne() throws Exception {
        node("s7-a", Map.of("case", "unbounded"));
        node("s7-b", Map.of("case", "unbounded", "bounded", "yes"));
        // The bounded policy first: a grant given before it selected s7-b would be in use, and kept.
        createPolicy("""
                metadata: {name: s7-one}
                spec:
                  nodeSelector: {matchLabels: {bounded: "yes"}}
                  maxUnavailable: 1
                  cpu: {managerPolicy: static, reserved: "0-1"}
                """);
        await().atMost(TIMEOUT).until(() -> state("s7-b") != null);
        createPolicy("""
                metadata: {name: s7-all}
                spec:
                  nodeSelector: {matchLabels: {case: unbounded}}
                  maxUnavailable: "100%"
                  hugepages: {pages: [{size: 1Gi, count: 4}]}
                """);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(state("s7-a")).isNotNull();
            assertThat(state("s7-b").getSpec().getPolicies()).containsExactlyInAnyOrder("s7-all", "s7-one");
        });
        assertThat(NodeStates.granted(state("s7-a"))).as("the first intent goes out before the host is known: no grant yet")
                .isFalse();

        // The agent's first report brings the inventory; a disruptive edit then comes with its grant.
        agent("s7-a", s -> {
            s.getStatus().setInventory(reported());
            s.getStatus().setSyncStatus(SyncStatus.SUCCEEDED);
            s.getStatus().setLastAppliedGeneration(s.getMetadata().getGeneration());
        });
        agent("s7-b", s -> s.getStatus().setInventory(reported()));
        long applied = state("s7-a").getMetadata().getGeneration();
        hugepagesCount("s7-all", 8);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState a = state("s7-a");
            assertThat(a.getMetadata().getGeneration()).as("one write: intent and grant together").isEqualTo(applied + 1);
            assertThat(NodeStates.holdsGrant(a)).as("granted for the new generation in the same write").isTrue();
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(state("s7-b").getSpec().getDisruptionAllowed()).as("a bounded policy selects it too: it asks first")
                        .isNotEqualTo(Boolean.TRUE));

        // Applied: the grant is spent and stays. The next intent comes with a grant for its generation.
        applied("s7-a");
        long spentAt = state("s7-a").getMetadata().getGeneration();
        hugepagesCount("s7-all", 4);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState a = state("s7-a");
            assertThat(a.getMetadata().getGeneration()).isEqualTo(spentAt + 1);
            assertThat(NodeStates.holdsGrant(a)).isTrue();
        });
    }

    /**
     * A state its agent registered (no spec, the host reported) gets no write while no policy selects its
     * node; the first intent then resolves against that inventory and, under an unbounded budget, carries
     * the grant: one write of the state for the whole rollout.
     */
    @Test
    void aRegisteredStateGetsItsFirstIntentCompleteAndGrantedInOneWrite() throws Exception {
        NicInventory nic = new NicInventory();
        nic.setPciAddress("0000:18:00.0");
        nic.setName("ens1f0");
        nic.setVendor("8086");
        nic.setDeviceID("159b");
        nic.setDeviceClass("network");
        nic.setDriver("ice");
        nic.setTotalVfs(64);
        nic.setNumVfs(0);
        NodeInventory inventory = reported();
        inventory.getNics().add(nic);
        registered(node("s9-a", Map.of("case", "registered")), inventory);
        long before = state("s9-a").getMetadata().getGeneration();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(state("s9-a").getSpec()).as("no policy selects it: no intent written").isNull();
            assertThat(devicePluginKey("s9-a")).isNull();
        });

        createPolicy("""
                metadata: {name: s9-pol}
                spec:
                  nodeSelector: {matchLabels: {case: registered}}
                  maxUnavailable: "100%"
                  hugepages: {pages: [{size: 1Gi, count: 2}]}
                  sriov: [{name: dpdk, resourceName: s9_dpdk, numVfs: 8, deviceType: vfio-pci, nicSelector: {pfNames: ["ens1f0#0-3"]}}]
                """);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = state("s9-a");
            assertThat(s.getSpec()).isNotNull();
            assertThat(s.getSpec().getPolicies()).containsExactly("s9-pol");
            assertThat(s.getSpec().getInterfaces()).extracting(InterfaceConfig::getPciAddress).containsExactly("0000:18:00.0");
            assertThat(s.getSpec().getDisruptionAllowed()).as("granted with the first intent").isTrue();
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(state("s9-a").getMetadata().getGeneration()).as("one write").isEqualTo(before + 1));
    }

    /**
     * Policies applied together reach the operator one by one. Under an unbounded budget an intent written
     * between their arrivals would carry a grant for part of them, and the node would go through its
     * disruptive change once per policy; the intent waits for the policies to settle, so it is one write.
     */
    @Test
    void policiesAppliedTogetherMakeOneIntentPerNode() throws Exception {
        registered(node("s10-a", Map.of("case", "together")), reported());
        long before = state("s10-a").getMetadata().getGeneration();
        createPolicy("""
                metadata: {name: s10-hugepages}
                spec:
                  nodeSelector: {matchLabels: {case: together}}
                  maxUnavailable: "100%"
                  hugepages: {pages: [{size: 1Gi, count: 2}]}
                """);
        Thread.sleep(300); // as `kubectl apply -f dir/` sends them: one after the other
        createPolicy("""
                metadata: {name: s10-cpu}
                spec:
                  nodeSelector: {matchLabels: {case: together}}
                  maxUnavailable: "100%"
                  cpu: {managerPolicy: static, reserved: "0-1"}
                """);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = state("s10-a");
            assertThat(s.getSpec()).isNotNull();
            assertThat(s.getSpec().getPolicies()).containsExactlyInAnyOrder("s10-hugepages", "s10-cpu");
            assertThat(s.getSpec().getDisruptionAllowed()).isTrue();
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(state("s10-a").getMetadata().getGeneration()).as("one intent for both policies").isEqualTo(before + 1));
    }

    /** The application's client (the operator's caches read through it) keeps one String per shared value. */
    @Test
    void theClientReadsAValueSharedByTwoObjectsAsOneString() throws Exception {
        for (String name : List.of("s8-a", "s8-b")) {
            createPolicy("""
                    metadata: {name: %s}
                    spec: {nodeSelector: {matchLabels: {case: strings}}, cpu: {managerPolicy: static, reserved: "0-1"}}
                    """.formatted(name));
        }
        assertThat(policy("s8-b").getSpec().getCpu().getReserved()).isEqualTo("0-1")
                .isSameAs(policy("s8-a").getSpec().getCpu().getReserved());
    }

    @Test
    void aConvergedClusterSeesNoWrites() throws Exception {
        node("s4-a", Map.of("case", "quiet"));
        node("s4-b", Map.of("case", "quiet"));
        createPolicy("""
                metadata: {name: s4-pol}
                spec:
                  nodeSelector: {matchLabels: {case: quiet}}
                  hugepages: {pages: [{size: 2Mi, count: 512}]}
                """);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(state("s4-a")).isNotNull();
            assertThat(state("s4-b")).isNotNull();
            assertThat(devicePluginKey("s4-a")).isNotNull();
            assertThat(devicePluginKey("s4-b")).isNotNull();
            assertThat(policy("s4-pol").getStatus()).isNotNull();
            assertThat(policy("s4-pol").getStatus().getMatchedNodes()).isEqualTo(2);
        });
        Map<String, String> versions = versions();

        // Wake both node reconciles with label changes that change nothing, then a sentinel node whose
        // state (created after them) proves the controller has got that far.
        for (String n : List.of("s4-a", "s4-b")) {
            client.nodes().withName(n).edit(x -> new NodeBuilder(x).editMetadata().addToLabels("touched", "yes").endMetadata().build());
        }
        node("s4-sentinel", Map.of("case", "quiet"));
        await().atMost(TIMEOUT).until(() -> state("s4-sentinel") != null && devicePluginKey("s4-sentinel") != null);
        Thread.sleep(1000);

        assertThat(versions()).isEqualTo(versions);
    }

    @Test
    void aDeletedDevicePluginConfigMapIsWrittenAgain() throws Exception {
        node("s5-a", Map.of("case", "configmap"));
        createPolicy("""
                metadata: {name: s5-pol}
                spec:
                  nodeSelector: {matchLabels: {case: configmap}}
                  cpu: {managerPolicy: static, reserved: "0-1"}
                """);
        await().atMost(TIMEOUT).until(() -> devicePluginKey("s5-a") != null);
        client.configMaps().inNamespace(settings.namespace()).withName(DevicePluginNodeConfig.mapOf("s5-a")).delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(devicePluginKey("s5-a")).isEqualTo("{\"resourceList\":[]}"));
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, String> versions() {
        Map<String, String> v = new HashMap<>();
        v.put("state s4-a", state("s4-a").getMetadata().getResourceVersion());
        v.put("state s4-b", state("s4-b").getMetadata().getResourceVersion());
        v.put("key s4-a", devicePluginKey("s4-a"));
        v.put("key s4-b", devicePluginKey("s4-b"));
        return v;
    }

    private void awaitGranted(List<String> expected) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<String> now = granted();
            assertThat(now.size()).as("never more than maxUnavailable at once").isLessThanOrEqualTo(1);
            assertThat(now).isEqualTo(expected);
        });
    }

    /** Nodes holding a grant (granted and not yet spent). */
    private List<String> granted() {
        return List.of("s3-a", "s3-b", "s3-c").stream().map(this::state).filter(Objects::nonNull)
                .filter(NodeStates::holdsGrant)
                .map(s -> s.getMetadata().getName()).toList();
    }

    interface StatusEdit {
        void apply(NfvNodeState state) throws Exception;
    }

    /** Nodes labelled {@code case=<label>} and a policy giving them 1Gi huge pages (disruptive), one node at a time. */
    private void hugepagesOneAtATime(String policy, String label, List<String> nodes) throws Exception {
        for (String n : nodes) {
            node(n, Map.of("case", label));
        }
        createPolicy("""
                metadata: {name: %s}
                spec:
                  nodeSelector: {matchLabels: {case: %s}}
                  maxUnavailable: 1
                  hugepages: {pages: [{size: 1Gi, count: 4}]}
                """.formatted(policy, label));
        await().atMost(TIMEOUT).until(() -> nodes.stream().allMatch(n -> state(n) != null));
    }

    private void hugepagesCount(String policy, int count) {
        client.resources(NfvNodePolicy.class).withName(policy).edit(p -> {
            p.getSpec().getHugepages().getPages().get(0).setCount(count);
            return p;
        });
    }

    /** An inventory as an agent reports it (an empty one would not be written: the status omits empty fields). */
    private static NodeInventory reported() {
        NodeInventory inventory = new NodeInventory();
        inventory.setVfioNoIommu(false);
        return inventory;
    }

    /** What a registering agent makes of a node: a state without a spec, owned by the Node, the host reported. */
    private void registered(Node node, NodeInventory inventory) {
        String name = node.getMetadata().getName();
        NfvNodeState state = new NfvNodeState();
        state.setMetadata(new ObjectMetaBuilder().withName(name)
                .withOwnerReferences(NodeStates.nodeOwner(name, node.getMetadata().getUid())).build());
        client.resource(state).create();
        agent(name, s -> {
            s.getStatus().setInventory(inventory);
            s.getStatus().setSyncStatus(SyncStatus.SUCCEEDED);
            s.getStatus().setLastAppliedGeneration(s.getMetadata().getGeneration());
        });
    }

    /** The agent found a disruptive change and waits for a grant. */
    private void asksForAGrant(String node) {
        agent(node, s -> {
            s.getStatus().setDisruptionRequired(true);
            s.getStatus().setSyncStatus(SyncStatus.IN_PROGRESS);
        });
    }

    /** The agent applied the state's current generation. */
    private void applied(String node) {
        agent(node, s -> {
            s.getStatus().setDisruptionRequired(false);
            s.getStatus().setSyncStatus(SyncStatus.SUCCEEDED);
            s.getStatus().setLastAppliedGeneration(s.getMetadata().getGeneration());
        });
    }

    /** What the node agent would write: its status only. */
    private void agent(String node, StatusEdit edit) {
        client.resources(NfvNodeState.class).withName(node).editStatus(s -> {
            if (s.getStatus() == null) {
                s.setStatus(new io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus());
            }
            try {
                edit.apply(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return s;
        });
    }

    private Node node(String name, Map<String, String> labels) {
        return client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    private void createPolicy(String yaml) throws Exception {
        client.resource(YAML.readValue(yaml, NfvNodePolicy.class)).create();
    }

    private NfvNodePolicy policy(String name) {
        return client.resources(NfvNodePolicy.class).withName(name).get();
    }

    private NfvNodeState state(String name) {
        return client.resources(NfvNodeState.class).withName(name).get();
    }

    private String devicePluginKey(String node) {
        ConfigMap cm = client.configMaps().inNamespace(settings.namespace()).withName(DevicePluginNodeConfig.mapOf(node)).get();
        return cm == null || cm.getData() == null ? null : cm.getData().get(node);
    }

    private static Condition condition(NfvNodePolicy p, String type) {
        assertThat(p.getStatus()).as("status of " + p.getMetadata().getName()).isNotNull();
        return Conditions.find(p.getStatus().getConditions(), type).orElseThrow();
    }
}
