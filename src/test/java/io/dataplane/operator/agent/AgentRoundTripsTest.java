package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.DrainSettingsSource;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.agent.cluster.NodeControl;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.policy.ApplyCrds;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API round trips one agent makes for one node, counted on the mock server's request log
 * (the agent's client has its own User-Agent, so the test's own reads and writes are left out).
 * The benchmark runs a thousand agents: every request per node here is a thousand there.
 */
@EnableKubernetesMockClient(crud = true)
class AgentRoundTripsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String NODE = "rt-0";
    static final String AGENT = "agent-under-test";
    /** Non-disruptive VFs (0 -> 8) and huge pages on a NUMA node (granted, then a kubelet restart): a first rollout. */
    static final String SPEC = """
            interfaces: [{pciAddress: "0000:18:00.0", numVfs: 8}]
            hugepages: {pages: [{size: 2Mi, count: 256, numaNode: 0}]}
            """;

    KubernetesMockServer server;
    KubernetesClient client;
    KubernetesClient agentClient;
    final List<String> nodePatches = new CopyOnWriteArrayList<>();
    int requestsTaken;

    @TempDir
    Path dir;

    @BeforeEach
    void crdsAndNode() throws Exception {
        ApplyCrds.into(client);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        // The mock server consumes request bodies; the agent's client keeps those of its Node patches.
        Interceptor nodePatchBodies = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if ("PATCH".equals(request.method()) && request.uri().getPath().equals("/api/v1/nodes/" + NODE)) {
                    nodePatches.add(request.bodyString());
                }
            }
        };
        agentClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("node-patch-bodies", nodePatchBodies)).build();
    }

    @AfterEach
    void closeAgentClient() {
        agentClient.close();
    }

    /**
     * Before: 4 status writes each after a GET of the state (mock server; JSON patch through
     * withName), 4 Node patches each after a GET, 3 more Node GETs, 2 GETs of NfvOperatorConfig.
     * Then: 4 status writes, 4 Node patches, 2 Node GETs. Then: no pod to evict, so no "draining"
     * status, and the labels the change earned ride in the uncordon. Now: the grant is spent by the
     * report of its generation instead of released by the operator, so no acknowledgement either.
     */
    @Test
    void aFirstRolloutWritesEachTransitionOnceAndReadsOnlyWhatItMust() throws Exception {
        createState(SPEC, false);
        List<String> transitions = new CopyOnWriteArrayList<>();
        List<RecordedRequest> requests;
        try (SharedIndexInformer<NfvNodeState> seen = client.resources(NfvNodeState.class).withName(NODE).inform(transitions(transitions));
                SimulatedFleet fleet = startFleet()) {
            NfvNodeState s = awaitStatus(SyncStatus.IN_PROGRESS);
            assertThat(s.getStatus().getDisruptionRequired()).isTrue();
            grant(true);
            long applied = awaitSynced();
            // The report spent the grant; the operator leaves it in the spec. A resync finds nothing to do.
            long reconciles = fleet.loop(NODE).reconciles();
            fleet.loop(NODE).trigger();
            await().atMost(TIMEOUT).until(() -> fleet.loop(NODE).reconciles() > reconciles);
            Thread.sleep(300); // nothing more may come
            requests = agentRequests();
            assertThat(fleet.statusWrites()).isEqualTo(2);
            assertThat(transitions).as("every status write is a transition someone reads; no pod to evict: no draining").containsExactly(
                    "InProgress AwaitingDisruptionGrant cordoned=false applied=null",
                    "Succeeded Stable cordoned=false applied=" + applied);
        }
        assertThat(client.nodes().withName(NODE).get().getMetadata().getLabels()).containsKey(NodeCapabilities.HUGEPAGES_2MI);

        assertThat(methods(requests, "/apis/nfv.dataplane.io/v1alpha1/nfvnodestates/" + NODE))
                .as("status: patches, no GET before any").isEmpty();
        assertThat(methods(requests, "/apis/nfv.dataplane.io/v1alpha1/nfvnodestates/" + NODE + "/status"))
                .containsExactly("PATCH", "PATCH");
        assertThat(methods(requests, "/api/v1/nodes/" + NODE)).as("""
                Node: the first label publication reads the labels once (then patches: sriov-capable, -configured);
                the cordon reads whether someone else cordoned the node; the cordon (labels unchanged) and the
                uncordon, which carries the label the change earned (hugepages-2Mi), are patches alone""")
                .containsExactly("GET", "PATCH", "GET", "PATCH", "PATCH");
        assertThat(nodePatches).hasSize(3);
        assertThat(nodePatches.get(1)).contains("\"unschedulable\":true").doesNotContain("labels");
        assertThat(nodePatches.get(2)).contains("\"unschedulable\":null", "\"" + NodeCapabilities.HUGEPAGES_2MI + "\":\"true\"")
                .doesNotContain(NodeCapabilities.SRIOV_CONFIGURED);
        assertThat(requests).as("one pod list, found empty: no drain, no eviction").filteredOn(r -> r.getPath().contains("/pods"))
                .extracting(RecordedRequest::getMethod).containsExactly("GET");
        assertThat(requests).as("drain settings: the watch listed once, no read per drain")
                .filteredOn(r -> r.getPath().contains("/nfvoperatorconfigs")).extracting(RecordedRequest::getPath)
                .noneMatch(p -> p.contains("/nfvoperatorconfigs/"))
                .filteredOn(p -> !p.contains("watch=true")).hasSize(1);
        print("first rollout", requests);
    }

    /**
     * A grant in the state's first write (nothing published yet): the cordon's fresh read of the Node
     * is the labels' reference, the labels of the host as found go with the cordon, those the change
     * earned with the uncordon. Two Node patches, one Node read, one status write per generation.
     */
    @Test
    void labelsRideInTheCordonAndTheUncordon() throws Exception {
        client.nodes().withName(NODE).edit(n -> new NodeBuilder(n).editMetadata()
                .addToLabels(NodeCapabilities.DPDK_READY, "true") // an earlier run's, no longer earned
                .addToLabels("example.com/other", "kept").endMetadata().build());
        createState(SPEC, true);
        List<RecordedRequest> requests;
        try (SimulatedFleet fleet = startFleet()) {
            awaitSynced();
            Thread.sleep(300);
            fleet.loop(NODE).trigger(); // a resync with the spent grant still in the spec: nothing to write
            await().atMost(TIMEOUT).until(() -> fleet.loop(NODE).reconciles() >= 2);
            Thread.sleep(300);
            requests = agentRequests();
            assertThat(fleet.statusWrites()).isEqualTo(1);
        }
        assertThat(client.nodes().withName(NODE).get().getMetadata().getLabels())
                .containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true").containsEntry(NodeCapabilities.SRIOV_CONFIGURED, "true")
                .containsEntry(NodeCapabilities.HUGEPAGES_2MI, "true").containsEntry("example.com/other", "kept")
                .doesNotContainEntry(NodeCapabilities.DPDK_READY, "true"); // the mock server keeps a removed label as null
        assertThat(client.nodes().withName(NODE).get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        assertThat(methods(requests, "/api/v1/nodes/" + NODE)).as("one read (the cordon's), two patches")
                .containsExactly("GET", "PATCH", "PATCH");
        List<String> patches = nodePatches;
        assertThat(patches).hasSize(2);
        assertThat(patches.get(0)).as("cordon with the host as found").contains("\"unschedulable\":true",
                "\"" + NodeCapabilities.SRIOV_CAPABLE + "\":\"true\"", "\"" + NodeCapabilities.DPDK_READY + "\":null")
                .doesNotContain(NodeCapabilities.SRIOV_CONFIGURED, NodeCapabilities.HUGEPAGES_2MI, "example.com/other");
        assertThat(patches.get(1)).as("uncordon with what the change earned").contains("\"unschedulable\":null",
                "\"" + NodeCapabilities.SRIOV_CONFIGURED + "\":\"true\"", "\"" + NodeCapabilities.HUGEPAGES_2MI + "\":\"true\"")
                .doesNotContain(NodeCapabilities.SRIOV_CAPABLE, NodeCapabilities.DPDK_READY);
        print("granted in the first write", requests);
    }

    /**
     * Before any policy selects the node (no state yet; this agent leaves creating it to the operator) the
     * agent publishes what the host can do, so a policy can select by it; the first rollout then spends no
     * Node write on those labels.
     */
    @Test
    void withoutAStateTheCapabilitiesArePublishedAndTheRolloutDoesNotRepeatThem() throws Exception {
        List<RecordedRequest> before;
        List<RecordedRequest> rollout;
        try (SimulatedFleet fleet = SimulatedFleet.start(agentClient, List.of(NODE), fleetOptions().registerStates(false))) {
            await().atMost(TIMEOUT).until(fleet::ready);
            assertThat(client.nodes().withName(NODE).get().getMetadata().getLabels())
                    .containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true");
            before = agentRequests();
            assertThat(fleet.statusWrites()).as("no state, no status").isZero();

            createState(SPEC, true);
            awaitSynced();
            Thread.sleep(300);
            rollout = agentRequests();
        }
        assertThat(methods(before, "/api/v1/nodes/" + NODE)).as("labels read once, then patched").containsExactly("GET", "PATCH");
        assertThat(methods(rollout, "/api/v1/nodes/" + NODE)).as("the cordon's read, cordon, uncordon with what the change earned")
                .containsExactly("GET", "PATCH", "PATCH");
        assertThat(nodePatches).hasSize(3);
        assertThat(nodePatches.get(1)).as("the cordon: the labels are published already").contains("\"unschedulable\":true")
                .doesNotContain("labels");
    }

    /**
     * A registering agent: before any policy, one create of its state and one report; then the operator's
     * first intent, with its grant, costs one report and the cordon and uncordon — nothing else.
     */
    @Test
    void aRegisteredNodeRollsOutWithOneReport() throws Exception {
        List<RecordedRequest> before;
        List<RecordedRequest> rollout;
        try (SimulatedFleet fleet = startFleet()) {
            await().atMost(TIMEOUT).until(fleet::ready);
            before = agentRequests();
            assertThat(fleet.statusWrites()).as("the registered state's first report").isEqualTo(1);
            long reported = fleet.statusWrites();

            client.resources(NfvNodeState.class).withName(NODE).edit(s -> {
                try {
                    s.setSpec(AgentHarness.YAML.readValue(SPEC, NfvNodeStateSpec.class));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                s.getSpec().setDisruptionAllowed(true);
                return s;
            });
            awaitSynced();
            Thread.sleep(300);
            rollout = agentRequests();
            assertThat(fleet.statusWrites() - reported).as("one report for the whole rollout").isEqualTo(1);
        }
        print("registered, then granted in the first intent", rollout);
        assertThat(methods(before, "/apis/nfv.dataplane.io/v1alpha1/nfvnodestates")).as("the informer's list and watch, one create")
                .containsOnlyOnce("POST").filteredOn(m -> !m.equals("GET")).containsExactly("POST");
        assertThat(methods(before, "/apis/nfv.dataplane.io/v1alpha1/nfvnodestates/" + NODE + "/status")).containsExactly("PATCH");
        assertThat(methods(rollout, "/apis/nfv.dataplane.io/v1alpha1/nfvnodestates/" + NODE + "/status")).containsExactly("PATCH");
        assertThat(methods(rollout, "/api/v1/nodes/" + NODE)).as("the cordon's read, cordon, uncordon").containsExactly("GET", "PATCH", "PATCH");
    }

    /** A pod to evict: the status says "draining" (cordoned) before the first eviction, as before. */
    @Test
    void aNodeWithAPodToEvictSaysDrainingBeforeEvicting() throws Exception {
        // The mock server neither filters pods by spec.nodeName nor serves the Eviction API: one pod
        // on the node until its eviction is accepted.
        Pod web = new PodBuilder().withNewMetadata().withName("web-0").withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("c").withImage("example.invalid/web:1").endContainer()
                .endSpec().build();
        AtomicBoolean evicted = new AtomicBoolean();
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3D" + NODE)
                .andReply(200, r -> new PodListBuilder().withItems(evicted.get() ? List.of() : List.of(web)).build()).always();
        server.expect().post().withPath("/api/v1/namespaces/default/pods/web-0/eviction").andReply(201, r -> {
            evicted.set(true);
            return new StatusBuilder().withStatus("Success").build();
        }).always();
        createState(SPEC, false);
        List<String> transitions = new CopyOnWriteArrayList<>();
        List<RecordedRequest> requests;
        try (SharedIndexInformer<NfvNodeState> seen = client.resources(NfvNodeState.class).withName(NODE).inform(transitions(transitions));
                SimulatedFleet fleet = startFleet()) {
            awaitStatus(SyncStatus.IN_PROGRESS);
            grant(true);
            long applied = awaitSynced();
            await().atMost(TIMEOUT).until(() -> transitions.size() >= 3);
            requests = agentRequests();
            assertThat(transitions).containsExactly(
                    "InProgress AwaitingDisruptionGrant cordoned=false applied=null",
                    "InProgress Draining cordoned=true applied=null",
                    "Succeeded Stable cordoned=false applied=" + applied);
        }
        List<String> order = requests.stream().map(r -> r.getMethod() + " " + r.getPath().split("\\?")[0]).toList();
        int draining = indexOfNth(order, "PATCH /apis/nfv.dataplane.io/v1alpha1/nfvnodestates/" + NODE + "/status", 2);
        int eviction = order.indexOf("POST /api/v1/namespaces/default/pods/web-0/eviction");
        assertThat(eviction).as("evicted").isPositive();
        assertThat(draining).as("the draining status is written before the first eviction: " + order).isBetween(0, eviction);
        assertThat(methods(requests, "/api/v1/nodes/" + NODE)).as("labels, cordon read, cordon, uncordon with hugepages-2Mi")
                .containsExactly("GET", "PATCH", "GET", "PATCH", "PATCH");
        print("pod to evict", requests);
    }

    @Test
    void drainSettingsComeFromTheWatchAndFollowTheConfig() throws Exception {
        try (DrainSettingsSource settings = DrainSettingsSource.watch(agentClient)) {
            assertThat(settings.get()).as("no config: the defaults").isEqualTo(NodeControl.DrainSettings.DEFAULT);
            client.resource(AgentHarness.YAML.readValue("""
                    apiVersion: nfv.dataplane.io/v1alpha1
                    kind: NfvOperatorConfig
                    metadata: {name: default}
                    spec: {drain: {enabled: false, timeoutSeconds: 30}}
                    """, NfvOperatorConfig.class)).create();
            await().atMost(TIMEOUT).until(() -> !settings.get().enabled());
            assertThat(settings.get().timeout()).isEqualTo(Duration.ofSeconds(30));
            client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
            await().atMost(TIMEOUT).until(() -> settings.get().equals(NodeControl.DrainSettings.DEFAULT));
            for (int i = 0; i < 100; i++) {
                settings.get();
            }
        }
        assertThat(agentRequests()).extracting(RecordedRequest::getPath)
                .as("one list, then the watch; never a read of the object").allMatch(p -> p.contains("fieldSelector=metadata.name%3Ddefault"))
                .filteredOn(p -> !p.contains("watch=true")).hasSize(1);
    }

    @Test
    void capabilityLabelsAreOnePatchPerChangeAndTheNodeIsReadOnlyAtTheFirst() throws Exception {
        client.nodes().withName(NODE).edit(n -> new NodeBuilder(n).editMetadata()
                .addToLabels(NodeCapabilities.DPDK_READY, "true") // an earlier run's, no longer earned
                .addToLabels("example.com/other", "kept").endMetadata().build());
        Map<String, String> capable = Map.of(NodeCapabilities.SRIOV_CAPABLE, "true");
        Map<String, String> configured = Map.of(NodeCapabilities.SRIOV_CAPABLE, "true", NodeCapabilities.SRIOV_CONFIGURED, "true");

        CapabilityPublisher labels = new CapabilityPublisher.NodeLabels(agentClient, NODE);
        assertThat(labels.publish(capable)).isTrue();
        assertThat(client.nodes().withName(NODE).get().getMetadata().getLabels()).containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true")
                .doesNotContainEntry(NodeCapabilities.DPDK_READY, "true").containsEntry("example.com/other", "kept");
        assertThat(labels.publish(capable)).as("unchanged: no request").isFalse();
        assertThat(labels.publish(configured)).isTrue();
        assertThat(labels.publish(capable)).isTrue();
        assertThat(client.nodes().withName(NODE).get().getMetadata().getLabels()).containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true")
                .doesNotContainEntry(NodeCapabilities.SRIOV_CONFIGURED, "true"); // the mock server keeps a removed label as null
        CapabilityPublisher restarted = new CapabilityPublisher.NodeLabels(agentClient, NODE);
        assertThat(restarted.publish(capable)).as("a restarted agent, labels as they were: no write").isFalse();

        assertThat(methods(agentRequests(), "/api/v1/nodes/" + NODE)).as("read at the first publication of each agent only")
                .containsExactly("GET", "PATCH", "PATCH", "PATCH", "GET");
    }

    /** The agent's requests since the last call. */
    private List<RecordedRequest> agentRequests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = server.getRequestCount() - requestsTaken; i > 0; i--) {
            RecordedRequest r = server.takeRequest();
            requestsTaken++;
            if (r.getHeader("User-Agent") != null && r.getHeader("User-Agent").startsWith(AGENT)) {
                out.add(r);
            }
        }
        return out;
    }

    private SimulatedFleet startFleet() {
        return SimulatedFleet.start(agentClient, List.of(NODE), fleetOptions());
    }

    private SimulatedFleet.Options fleetOptions() {
        return new SimulatedFleet.Options().dir(dir).serverSideApply(false).threads(1).resync(Duration.ofMinutes(5))
                .hosts(SimulatedHosts.bareMetal(HardwareProfile.INTEL_E810));
    }

    private static void print(String what, List<RecordedRequest> requests) {
        System.out.printf("[round-trips] one node, %s, agent requests: %d%n%s%n", what, requests.size(),
                String.join("\n", requests.stream().map(r -> "  " + r.getMethod() + " " + r.getPath()).toList()));
    }

    private static int indexOfNth(List<String> items, String item, int n) {
        for (int i = 0, seen = 0; i < items.size(); i++) {
            if (items.get(i).equals(item) && ++seen == n) {
                return i;
            }
        }
        return -1;
    }

    /** The methods of the agent's requests to exactly this path (query ignored). */
    private static List<String> methods(List<RecordedRequest> requests, String path) {
        return requests.stream().filter(r -> r.getPath().split("\\?")[0].equals(path)).map(RecordedRequest::getMethod).toList();
    }

    /** Records each status the state shows, once per change of what the status says. */
    private static ResourceEventHandler<NfvNodeState> transitions(List<String> out) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(NfvNodeState s) {
                onUpdate(null, s);
            }

            @Override
            public void onUpdate(NfvNodeState old, NfvNodeState s) {
                NfvNodeStateStatus st = s.getStatus();
                if (st == null || (old != null && StatusComparison.same(old.getStatus(), st))) {
                    return;
                }
                out.add(st.getSyncStatus() + " " + Conditions.reason(st.getConditions(), Conditions.PROGRESSING)
                        + " cordoned=" + st.getCordoned() + " applied=" + st.getLastAppliedGeneration());
            }

            @Override
            public void onDelete(NfvNodeState s, boolean unknown) {
            }
        };
    }

    private void createState(String specYaml, boolean granted) throws Exception {
        NfvNodeState s = new NfvNodeState();
        s.getMetadata().setName(NODE);
        s.setSpec(AgentHarness.YAML.readValue(specYaml, NfvNodeStateSpec.class));
        s.getSpec().setDisruptionAllowed(granted ? Boolean.TRUE : null);
        client.resource(s).create();
    }

    private void grant(boolean granted) {
        client.resources(NfvNodeState.class).withName(NODE).edit(s -> {
            s.getSpec().setDisruptionAllowed(granted ? Boolean.TRUE : null);
            return s;
        });
    }

    private NfvNodeState awaitStatus(SyncStatus want) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = client.resources(NfvNodeState.class).withName(NODE).get();
            assertThat(s.getStatus()).isNotNull();
            assertThat(s.getStatus().getSyncStatus()).as(s.getStatus().getMessage()).isEqualTo(want);
            assertThat(s.getStatus().getObservedGeneration()).isEqualTo(s.getMetadata().getGeneration());
        });
        return client.resources(NfvNodeState.class).withName(NODE).get();
    }

    /** Waits until the current generation is applied; returns it. */
    private long awaitSynced() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = client.resources(NfvNodeState.class).withName(NODE).get();
            assertThat(s.getStatus()).isNotNull();
            assertThat(s.getStatus().getSyncStatus()).as(s.getStatus().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
            assertThat(s.getStatus().getLastAppliedGeneration()).isEqualTo(s.getMetadata().getGeneration());
        });
        return client.resources(NfvNodeState.class).withName(NODE).get().getMetadata().getGeneration();
    }
}
