package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.apply.RecordingHostCommands;
import io.dataplane.operator.agent.apply.Reasons;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.agent.cluster.StateRegistrar;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.policy.ApplyCrds;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.host.sim.SimulatedKernelHostFs;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loop and the simulated fleet against the fabric8 mock server (CRUD, no server-side
 * apply, so status goes by JSON patch): status appears, a converged node makes no further writes,
 * a disruptive change waits for the grant, and capabilities land on the Node.
 */
@EnableKubernetesMockClient(crud = true)
class AgentLoopMockServerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    /** The agents' client is the agent process's own (JDK HTTP, only the kinds it uses). */
    KubernetesClient agentClient;

    @AfterEach
    void closeAgentClient() {
        if (agentClient != null) {
            agentClient.close();
        }
    }

    @BeforeEach
    void crdsAndNodes() throws Exception {
        agentClient = AgentMain.client(client.getConfiguration());
        ApplyCrds.into(client);
        for (String n : List.of("m-0", "m-1", "m-2")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
        }
    }

    @Test
    void fleetAppliesWritesStatusOnceAndStaysQuietWhenConverged() throws Exception {
        createState("m-0", "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4}]");
        try (SimulatedFleet fleet = SimulatedFleet.start(agentClient, List.of("m-0"), new SimulatedFleet.Options().dir(dir)
                .serverSideApply(false).threads(1).resync(Duration.ofMillis(300))
                .hosts(SimulatedHosts.bareMetal(HardwareProfile.INTEL_E810)))) {
            NfvNodeState s = awaitSync("m-0", SyncStatus.SUCCEEDED);
            assertThat(s.getStatus().getInventory().getNics()).isNotEmpty();
            assertThat(fleet.host("m-0").read("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs")).isEqualTo("4");
            // Ready once the reconcile that wrote the status has returned (its write can be seen first).
            await().atMost(TIMEOUT).until(fleet::ready);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.nodes().withName("m-0").get().getMetadata().getLabels())
                    .containsEntry(NodeCapabilities.SRIOV_CAPABLE, "true").containsEntry(NodeCapabilities.SRIOV_CONFIGURED, "true"));

            long writes = fleet.statusWrites();
            long reconciles = fleet.loop("m-0").reconciles();
            Thread.sleep(2000); // several resyncs
            assertThat(fleet.loop("m-0").reconciles()).as("resyncs ran").isGreaterThan(reconciles + 2);
            assertThat(fleet.statusWrites()).as("a converged node writes no status").isEqualTo(writes);

            edit("m-0", "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 8}]", null);
            s = awaitSync("m-0", SyncStatus.IN_PROGRESS);
            assertThat(s.getStatus().getDisruptionRequired()).isTrue();
            edit("m-0", "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 8}]", true);
            s = awaitSync("m-0", SyncStatus.SUCCEEDED);
            assertThat(s.getStatus().getLastAppliedGeneration()).isEqualTo(s.getMetadata().getGeneration());
            assertThat(fleet.host("m-0").read("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs")).isEqualTo("8");
            assertThat(client.nodes().withName("m-0").get().getSpec().getUnschedulable()).as("uncordoned").isNotEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void aRealAgentWatchesOnlyItsOwnState() throws Exception {
        createState("m-1", "{}");
        createState("m-2", "{}");
        SimulatedKernelHostFs host = FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_X710, 0).build(dir.resolve("m-1"));
        try (NodeAgentService agent = NodeAgentService.start(agentClient, new NodeAgentService.Config("m-1", host, AgentPaths.defaults(),
                new RecordingHostCommands(), OvsConnector.none("none"), false, false, false, "dataplane-operator", Duration.ofMinutes(5)))) {
            awaitSync("m-1", SyncStatus.SUCCEEDED);
            await().atMost(TIMEOUT).until(agent::ready);
        }
        assertThat(client.resources(NfvNodeState.class).withName("m-2").get().getStatus()).isNull();
        boolean fieldSelected = false;
        for (int i = server.getRequestCount(); i > 0; i--) {
            RecordedRequest r = server.takeRequest();
            if (r.getPath().contains("/nfvnodestates?") && r.getPath().contains("fieldSelector=metadata.name%3Dm-1")) {
                fieldSelected = true;
            }
            assertThat(r.getPath()).as("never reads all states").doesNotMatch(".*/nfvnodestates\\?(?!.*fieldSelector).*");
        }
        assertThat(fieldSelected).as("list/watch with fieldSelector metadata.name=m-1").isTrue();
    }

    @Test
    void anAgentWithoutAStateRegistersOneAndOnlyReportsTheHost() throws Exception {
        SimulatedKernelHostFs host = FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0).build(dir.resolve("m-2"));
        String numVfs = "/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs";
        try (NodeAgentService agent = NodeAgentService.start(agentClient, new NodeAgentService.Config("m-2", host, AgentPaths.defaults(),
                new RecordingHostCommands(), OvsConnector.none("none"), false, false, true, "dataplane-operator",
                Duration.ofMillis(300)))) {
            NfvNodeState s = awaitSync("m-2", SyncStatus.SUCCEEDED);
            await().atMost(TIMEOUT).until(agent::ready);
            assertThat(s.getSpec()).as("the agent writes no intent").isNull();
            assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
                assertThat(r.getKind()).isEqualTo("Node");
                assertThat(r.getName()).isEqualTo("m-2");
                assertThat(r.getUid()).isEqualTo(client.nodes().withName("m-2").get().getMetadata().getUid());
            });
            assertThat(s.getStatus().getInventory().getNics()).extracting(NicInventory::getPciAddress).contains("0000:18:00.0");
            assertThat(Conditions.reason(s.getStatus().getConditions(), Conditions.READY)).isEqualTo(Reasons.NO_INTENT);
            assertThat(host.read(numVfs)).as("nothing applied").isEqualTo("0");
            assertThat(host.exists(AgentPaths.defaults().stateDir() + "/owned.json")).as("no owned state written").isFalse();

            // Deleted by hand: the agent does not bring it back (only a restart registers again).
            client.resources(NfvNodeState.class).withName("m-2").delete();
            await().atMost(TIMEOUT).until(() -> client.resources(NfvNodeState.class).withName("m-2").get() == null);
            long reconciles = agent.loop().reconciles();
            Thread.sleep(1500); // several resyncs
            assertThat(client.resources(NfvNodeState.class).withName("m-2").get()).isNull();
            assertThat(agent.loop().reconciles()).isEqualTo(reconciles);
        }
    }

    @Test
    void theRegistrarCreatesOnlyAMissingStateOfAnExistingNode() {
        StateRegistrar registrar = StateRegistrar.forCluster(agentClient);
        assertThat(registrar.register("m-0")).isTrue();
        assertThat(registrar.register("m-0")).as("exists: 409 is no error").isFalse();
        assertThat(registrar.register("no-such-node")).as("no Node, no state").isFalse();
        assertThat(client.resources(NfvNodeState.class).withName("no-such-node").get()).isNull();
    }

    private void createState(String name, String specYaml) throws Exception {
        NfvNodeState s = new NfvNodeState();
        s.getMetadata().setName(name);
        s.setSpec(AgentHarness.YAML.readValue(specYaml, NfvNodeStateSpec.class));
        client.resource(s).create();
    }

    private void edit(String name, String specYaml, Boolean grant) throws Exception {
        NfvNodeStateSpec spec = AgentHarness.YAML.readValue(specYaml, NfvNodeStateSpec.class);
        spec.setDisruptionAllowed(grant);
        client.resources(NfvNodeState.class).withName(name).edit(s -> {
            s.setSpec(spec);
            return s;
        });
    }

    private NfvNodeState awaitSync(String name, SyncStatus want) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvNodeState s = client.resources(NfvNodeState.class).withName(name).get();
            assertThat(s.getStatus()).isNotNull();
            assertThat(s.getStatus().getSyncStatus()).as(s.getStatus().getMessage()).isEqualTo(want);
            assertThat(s.getStatus().getObservedGeneration()).isEqualTo(s.getMetadata().getGeneration());
        });
        return client.resources(NfvNodeState.class).withName(name).get();
    }
}
