package io.dataplane.operator.agent;

import io.dataplane.operator.testsupport.OvsdbServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.OvsBridgeInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.ovsdb.Ops;
import io.dataplane.operator.ovsdb.OvsDpdkClient;
import io.dataplane.operator.ovsdb.OvsdbClient;
import io.dataplane.operator.ovsdb.OvsdbValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's OVS-DPDK step against a real ovsdb-server (no ovs-vswitchd), checked with ovs-vsctl. */
class NodeAgentOvsTest {

    static final String E810_PORT1 = "0000:18:00.1";
    static final String CX5 = "0000:86:00.0";
    static final String SPEC = """
            ovsDpdk:
              socketMemMiB: [1024, 1024]
              lcoreCpus: "0-1"
              pmdCpus: "2-5"
              bridges:
              - name: br-dpdk0
                mtu: 9000
                uplinks:
                - {name: dpdk0, pciAddress: "0000:86:00.0"}
                - {name: dpdk1, pciAddress: "0000:18:00.1"}
            """;

    @TempDir
    Path root;
    OvsdbServerProcess ovs;
    AgentHarness h;

    @BeforeEach
    void start() throws Exception {
        ovs = OvsdbServerProcess.start();
        ovs.vsctl("set", "Open_vSwitch", ".", "other_config:hw-offload=false");
        h = new AgentHarness(root, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0).nic(HardwareProfile.MELLANOX_CX5, 1));
        h.ovs = OvsConnector.unixSocket(ovs.socket, Duration.ofSeconds(5));
        h.restartAgent();
    }

    @AfterEach
    void stop() throws Exception {
        ovs.close();
    }

    @Test
    void otherConfigBridgesAndDpdkPortsAreAppliedAndConvergedPassesWriteNothing() throws Exception {
        NfvNodeStateStatus s = h.spec(SPEC).reconcile();
        assertThat(s.getSyncStatus()).as("the E810 port carries a kernel netdev: moving it to vfio-pci waits")
                .isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(s.getMessage()).contains("driver of " + E810_PORT1 + " ice -> vfio-pci");
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:dpdk-socket-mem")).isEqualTo("\"1024,1024\"");
        assertThat(ovs.vsctl("list-ports", "br-dpdk0")).as("the bifurcated mlx5 port needs no vfio-pci").isEqualTo("dpdk0");

        s = h.grant(true).reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:dpdk-init")).isEqualTo("\"true\"");
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:dpdk-lcore-mask")).isEqualTo("\"0x3\"");
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:pmd-cpu-mask")).isEqualTo("\"0x3c\"");
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:hw-offload")).as("others' keys stay").isEqualTo("\"false\"");
        assertThat(ovs.vsctl("get", "Bridge", "br-dpdk0", "datapath_type")).isEqualTo("netdev");
        assertThat(ovs.vsctl("list-ports", "br-dpdk0")).isEqualTo("dpdk0\ndpdk1");
        assertThat(ovs.vsctl("get", "Interface", "dpdk1", "type")).isEqualTo("dpdk");
        assertThat(ovs.vsctl("get", "Interface", "dpdk1", "options:dpdk-devargs")).isEqualTo("\"" + E810_PORT1 + "\"");
        assertThat(ovs.vsctl("get", "Interface", "dpdk1", "mtu_request")).isEqualTo("9000");
        assertThat(h.driverOf(E810_PORT1)).isEqualTo("vfio-pci");
        assertThat(h.driverOf(CX5)).isEqualTo("mlx5_core");
        assertThat(h.commands.calls()).as("DPDK was not running: no restart").isEmpty();
        OvsBridgeInventory br = s.getInventory().getOvs().getBridges().get(0);
        assertThat(br.getName()).isEqualTo("br-dpdk0");
        assertThat(br.getPorts()).extracting(p -> p.getName()).containsExactly("br-dpdk0", "dpdk0", "dpdk1");
        assertThat(s.getInventory().getOvs().getReachable()).isTrue();
        assertThat(s.getOwned().getOvsBridges()).containsExactly("br-dpdk0");

        String nextCfg = ovs.vsctl("get", "Open_vSwitch", ".", "next_cfg");
        h.grant(false).reconcile();
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "next_cfg")).as("a converged pass changes nothing in OVSDB").isEqualTo(nextCfg);
    }

    @Test
    void dpdkMemoryChangeOnceDpdkRunsIsDisruptiveAndRestartsVswitchd() throws Exception {
        h.spec("ovsDpdk: {socketMemMiB: [1024], bridges: [{name: br-dpdk0}]}").reconcile();
        assertThat(h.status().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        setDpdkInitialized();

        h.spec("ovsDpdk: {socketMemMiB: [2048], pmdCpus: \"4\", bridges: [{name: br-dpdk0}]}");
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(s.getMessage()).contains("dpdk-socket-mem 1024 -> 2048", "(ovs-vswitchd restart)");
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:dpdk-socket-mem")).isEqualTo("\"1024\"");

        s = h.grant(true).reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:dpdk-socket-mem")).isEqualTo("\"2048\"");
        assertThat(h.commands.calls()).containsExactly("restart ovs-vswitchd");
        assertThat(s.getMessage()).contains("restarted ovs-vswitchd (DPDK reads [dpdk-socket-mem] only at start)");
        assertThat(s.getInventory().getOvs().getDpdkInitialized()).isTrue();
    }

    @Test
    void aFailedVswitchdRestartIsReported() throws Exception {
        h.spec("ovsDpdk: {socketMemMiB: [1024]}").reconcile();
        setDpdkInitialized();
        h.commands.failNext("restart ovs-vswitchd");
        NfvNodeStateStatus s = h.spec("ovsDpdk: {socketMemMiB: [512]}").grant(true).reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(Conditions.reason(s.getConditions(), Conditions.DEGRADED)).isEqualTo("OvsRestartRequired");
        assertThat(s.getRestartsRequired()).containsExactly("ovs-vswitchd");
    }

    @Test
    void interfaceErrorsSurfaceInStatus() throws Exception {
        h.spec(SPEC).grant(true).reconcile();
        // what ovs-vswitchd writes when it cannot open a port
        try (OvsdbClient c = OvsdbClient.connect(ovs.socket, Duration.ofSeconds(5))) {
            c.transact(OvsDpdkClient.DB, List.of(Ops.update("Interface", OvsdbValues.where(OvsdbValues.condition("name", "==", "dpdk1")),
                    Ops.row().put("error", "could not open network device dpdk1 (No such device)"))));
        }
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(Conditions.reason(s.getConditions(), Conditions.DEGRADED)).isEqualTo("OvsInterfaceError");
        assertThat(s.getMessage()).contains("OVS port dpdk1 failed: could not open network device dpdk1 (No such device)");
        assertThat(s.getInventory().getOvs().getBridges().get(0).getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("dpdk1");
            assertThat(p.getError()).contains("No such device");
        });
    }

    @Test
    void revertRemovesWhatTheAgentMadeAndKeepsTheRest() throws Exception {
        ovs.vsctl("add-br", "br-ex", "--", "set", "Bridge", "br-ex", "datapath_type=netdev");
        h.spec("""
                ovsDpdk:
                  socketMemMiB: [1024]
                  bridges:
                  - {name: br-dpdk0}
                  - {name: br-ex, uplinks: [{name: dpdk0, pciAddress: "0000:86:00.0"}]}
                """).reconcile();
        assertThat(h.status().getOwned().getOvsBridges()).as("br-ex was there before").containsExactly("br-dpdk0");
        assertThat(ovs.vsctl("list-ports", "br-ex")).isEqualTo("dpdk0");

        NfvNodeStateStatus s = h.spec("{}").reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(ovs.vsctl("list-br")).isEqualTo("br-ex");
        assertThat(ovs.vsctl("list-ports", "br-ex")).as("the agent's port on someone's bridge goes").isEmpty();
        assertThat(ovs.vsctlExit("get", "Open_vSwitch", ".", "other_config:dpdk-socket-mem")).isNotZero();
        assertThat(ovs.vsctl("get", "Open_vSwitch", ".", "other_config:hw-offload")).isEqualTo("\"false\"");
        assertThat(s.getOwned()).isNull();
    }

    @Test
    void withoutOvsConfigAnUnreachableOvsIsOnlyReported() {
        h.ovs = OvsConnector.unixSocket(root.resolve("no/such/db.sock"), Duration.ofSeconds(1));
        h.restartAgent();
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(s.getInventory().getOvs().getReachable()).isFalse();
    }

    private void setDpdkInitialized() {
        try (OvsdbClient c = OvsdbClient.connect(ovs.socket, Duration.ofSeconds(5))) {
            c.transact(OvsDpdkClient.DB, List.of(Ops.update("Open_vSwitch", OvsdbValues.where(),
                    Ops.row().put("dpdk_initialized", true))));
        }
    }
}
