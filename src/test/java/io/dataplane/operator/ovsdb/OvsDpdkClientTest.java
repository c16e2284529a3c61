package io.dataplane.operator.ovsdb;

import io.dataplane.operator.testsupport.OvsdbServerProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.OvsBridgeInventory;
import io.dataplane.operator.api.v1alpha1.OvsInventory;
import io.dataplane.operator.api.v1alpha1.OvsPortInventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OVSDB client against a real ovsdb-server, checked with ovs-vsctl. No ovs-vswitchd runs. */
class OvsDpdkClientTest {

    OvsdbServerProcess server;
    OvsdbClient client;
    OvsDpdkClient ovs;

    @BeforeEach
    void start() throws Exception {
        server = OvsdbServerProcess.start();
        client = OvsdbClient.connect(server.socket, Duration.ofSeconds(5));
        ovs = new OvsDpdkClient(client);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listDbsSchemaAndEcho() {
        assertThat(client.listDbs()).contains("Open_vSwitch");
        JsonNode schema = client.getSchema("Open_vSwitch");
        assertThat(schema.get("name").asText()).isEqualTo("Open_vSwitch");
        assertThat(schema.get("tables").has("Bridge")).isTrue();
        assertThat(client.echo("ping").get(0).asText()).isEqualTo("ping");
    }

    @Test
    void otherConfigKeysAreMutatedNotReplaced() throws Exception {
        server.vsctl("set", "Open_vSwitch", ".", "other_config:hw-offload=false");
        ovs.updateOtherConfig(Map.of("dpdk-init", "true", "pmd-cpu-mask", "0x6"), List.of());
        // an existing key gets its new value (a bare map insert would keep the old one)
        ovs.updateOtherConfig(Map.of("pmd-cpu-mask", "0x3c", "dpdk-socket-mem", "1024,1024"), List.of("dpdk-init"));
        Map<String, String> expected = Map.of("hw-offload", "false", "pmd-cpu-mask", "0x3c", "dpdk-socket-mem", "1024,1024");
        assertThat(ovs.otherConfig()).isEqualTo(expected);
        assertThat(server.vsctl("get", "Open_vSwitch", ".", "other_config:pmd-cpu-mask")).isEqualTo("\"0x3c\"");
        assertThat(server.vsctl("get", "Open_vSwitch", ".", "other_config:hw-offload")).isEqualTo("\"false\"");
        assertThat(server.vsctlResult("get", "Open_vSwitch", ".", "other_config:dpdk-init").exit()).isNotZero();
        assertThat(ovs.inventory().getOtherConfig()).isEqualTo(expected);
    }

    @Test
    void bridgeWithNetdevDatapathAndDpdkPort() throws Exception {
        assertThat(ovs.ensureBridge("br-dpdk0")).isTrue();
        assertThat(ovs.ensureBridge("br-dpdk0")).as("second call changes nothing").isFalse();
        assertThat(server.vsctl("list-br")).isEqualTo("br-dpdk0");
        assertThat(server.vsctl("get", "Bridge", "br-dpdk0", "datapath_type")).isEqualTo("netdev");
        assertThat(server.vsctl("get", "Interface", "br-dpdk0", "type")).isEqualTo("internal");

        assertThat(ovs.addDpdkPort("br-dpdk0", "dpdk0", "0000:18:01.2")).isTrue();
        assertThat(server.vsctl("list-ports", "br-dpdk0")).isEqualTo("dpdk0");
        assertThat(server.vsctl("get", "Interface", "dpdk0", "type")).isEqualTo("dpdk");
        assertThat(server.vsctl("get", "Interface", "dpdk0", "options:dpdk-devargs")).isEqualTo("\"0000:18:01.2\"");
        assertThat(ovs.addDpdkPort("br-dpdk0", "dpdk0", "0000:18:01.3")).as("existing port is updated").isFalse();
        assertThat(server.vsctl("get", "Interface", "dpdk0", "options:dpdk-devargs")).isEqualTo("\"0000:18:01.3\"");

        OvsInventory inv = ovs.inventory();
        assertThat(inv.getReachable()).isTrue();
        assertThat(inv.getDpdkInitialized()).isFalse();
        assertThat(inv.getBridges()).singleElement().satisfies(b -> {
            assertThat(b.getName()).isEqualTo("br-dpdk0");
            assertThat(b.getDatapathType()).isEqualTo("netdev");
            assertThat(b.getPorts()).extracting(OvsPortInventory::getName, OvsPortInventory::getType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("br-dpdk0", "internal"),
                            org.assertj.core.groups.Tuple.tuple("dpdk0", "dpdk"));
        });
        // No ovs-vswitchd: nobody assigns OpenFlow port numbers.
        assertThat(ovs.interfaces()).extracting(OvsPortInventory::getOfport).containsOnlyNulls();
        assertThat(server.vsctl("get", "Interface", "dpdk0", "ofport")).isEqualTo("[]");
    }

    @Test
    void ensureBridgeFixesTheDatapathTypeOfAnExistingBridge() throws Exception {
        server.vsctl("add-br", "br-ex");
        assertThat(ovs.ensureBridge("br-ex")).isFalse();
        assertThat(server.vsctl("get", "Bridge", "br-ex", "datapath_type")).isEqualTo("netdev");
    }

    /** Two writers saw the bridge missing; the second one's insert meets the first one's bridge. */
    @Test
    void aBridgeAnotherWriterCreatedSinceWeLookedIsTheirs() throws Exception {
        server.vsctl("add-br", "br-race");
        assertThat(ovs.createBridge("br-race")).as("not created by us, and no error").isFalse();
        assertThat(server.vsctl("--columns=name", "list", "Bridge")).containsOnlyOnce("br-race");
        assertThat(ovs.createBridge("br-new")).isTrue();
    }

    @Test
    void portOnMissingBridgeFailsWholeTransaction() throws Exception {
        assertThatThrownBy(() -> ovs.addDpdkPort("br-none", "dpdk1", "0000:18:01.4"))
                .isInstanceOfSatisfying(OvsdbException.class, e -> assertThat(e.error()).isEqualTo("timed out"));
        assertThat(server.vsctl("--columns=name", "list", "Interface")).doesNotContain("dpdk1");
    }

    @Test
    void deletingBridgeGarbageCollectsPortsAndInterfaces() throws Exception {
        ovs.ensureBridge("br-dpdk0");
        ovs.addDpdkPort("br-dpdk0", "dpdk0", "0000:18:01.2");
        ovs.addPort("br-dpdk0", "vhu1", "dpdkvhostuserclient", Map.of("vhost-server-path", "/var/run/vhu1.sock"));
        assertThat(ovs.deletePort("br-dpdk0", "vhu1")).isTrue();
        assertThat(server.vsctl("list-ports", "br-dpdk0")).isEqualTo("dpdk0");
        assertThat(ovs.deleteBridge("br-dpdk0")).isTrue();
        assertThat(ovs.deleteBridge("br-dpdk0")).isFalse();
        assertThat(server.vsctlResult("br-exists", "br-dpdk0").exit()).isEqualTo(2);
        assertThat(server.vsctl("--columns=name", "list", "Interface")).isEmpty();
        assertThat(server.vsctl("--columns=name", "list", "Port")).isEmpty();
        assertThat(ovs.inventory().getBridges()).isEmpty();
    }

    @Test
    void nextCfgBumpsAndWaitingForAbsentVswitchdTimesOutCleanly() throws Exception {
        long cfg = ovs.bumpNextCfg();
        assertThat(cfg).isEqualTo(1);
        assertThat(server.vsctl("get", "Open_vSwitch", ".", "next_cfg")).isEqualTo("1");
        long t0 = System.nanoTime();
        assertThat(ovs.awaitCurCfg(cfg, Duration.ofMillis(400))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(4));
        // the connection is still usable after the timeout
        assertThat(ovs.bumpNextCfg()).isEqualTo(2);
    }

    @Test
    void awaitCurCfgReturnsWhenCurCfgReachesTarget() throws Exception {
        long cfg = ovs.bumpNextCfg();
        CompletableFuture<Void> fakeVswitchd = CompletableFuture.runAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(300);
                server.vsctl("set", "Open_vSwitch", ".", "cur_cfg=" + cfg);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ovs.awaitCurCfg(cfg, Duration.ofSeconds(10))).isTrue();
        fakeVswitchd.join();
    }

    @Test
    void monitorDeliversUpdates() throws Exception {
        List<JsonNode> updates = new CopyOnWriteArrayList<>();
        ObjectNode req = client.mapper().createObjectNode();
        req.putObject("Bridge").putArray("columns").add("name");
        JsonNode initial = client.monitor("Open_vSwitch", "bridges", req, updates::add);
        assertThat(initial.path("Bridge").size()).isZero();
        server.vsctl("add-br", "br-mon");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !updates.isEmpty());
        assertThat(updates.get(0).get("Bridge").elements().next().get("new").get("name").asText()).isEqualTo("br-mon");
        client.monitorCancel("bridges");
    }

    @Test
    void serverErrorsAndTimeoutsAreTyped() {
        assertThatThrownBy(() -> client.transact("Open_vSwitch",
                List.of(Ops.insert("Bridge", Ops.row().put("no_such_column", 1), null))))
                .isInstanceOf(OvsdbException.class);
        assertThatThrownBy(() -> client.transact("No_Such_Db", List.of()))
                .isInstanceOfSatisfying(OvsdbException.class, e -> assertThat(e.error()).isEqualTo("unknown database"));
        // The server holds a wait op for 3 s; our call gives up after 300 ms.
        try (OvsdbClient quick = OvsdbClient.connect(server.socket, Duration.ofMillis(300))) {
            ObjectNode wait = Ops.waitFor("Bridge", OvsdbValues.where(), List.of("name"), "!=", List.of(), 3000);
            assertThatThrownBy(() -> quick.transact("Open_vSwitch", List.of(wait)))
                    .isInstanceOfSatisfying(OvsdbException.class, e -> assertThat(e.error()).isEqualTo("timeout"));
            assertThat(quick.listDbs()).as("a late answer does not confuse the next call").contains("Open_vSwitch");
        }
    }

    @Test
    void connectingToAMissingSocketFails() {
        assertThatThrownBy(() -> OvsdbClient.connect(Path.of("/tmp/no-such-ovsdb.sock"), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(OvsdbException.class, e -> assertThat(e.error()).isEqualTo("io error"));
    }

    @Test
    void inventoryOfBridgeMadeByOvsVsctl() throws Exception {
        server.vsctl("add-br", "br0", "--", "set", "Bridge", "br0", "datapath_type=netdev");
        server.vsctl("add-port", "br0", "vhu0", "--", "set", "Interface", "vhu0", "type=dpdkvhostuserclient");
        OvsBridgeInventory br = ovs.inventory().getBridges().get(0);
        assertThat(br.getPorts()).extracting(OvsPortInventory::getName).containsExactly("br0", "vhu0");
        assertThat(Set.copyOf(ovs.interfaces().stream().map(OvsPortInventory::getType).toList()))
                .containsExactlyInAnyOrder("internal", "dpdkvhostuserclient");
    }
}
