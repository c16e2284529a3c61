package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.testsupport.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each apply step of the agent on a simulated host: what it writes, what it reads back, what status says. */
class NodeAgentApplyTest {

    static final String PF0 = "0000:18:00.0"; // E810 port 0, ens1f0, NUMA 0
    static final String PF1 = "0000:18:00.1";
    static final String CX5 = "0000:86:00.0";

    @TempDir
    Path root;
    AgentHarness h;

    @BeforeEach
    void host() {
        h = new AgentHarness(root, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0)
                .nic(HardwareProfile.MELLANOX_CX5, 1).nic(HardwareProfile.INTEL_QAT_4XXX, 0).hugepages(0, 2048, 16));
    }

    @Test
    void discoveryWithAnEmptySpecWritesNothingAndReportsTheHost() {
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(s.getLastAppliedGeneration()).isEqualTo(h.generation());
        assertThat(s.getOwned()).isNull();
        assertThat(s.getDisruptionRequired()).isFalse();
        assertThat(h.host.writes()).as("sysfs writes").isEmpty();
        assertThat(h.host.exists(AgentPaths.defaults().stateDir() + "/owned.json")).as("no state file when owning nothing").isFalse();

        assertThat(s.getInventory().getNics()).extracting(NicInventory::getPciAddress)
                .containsExactly(PF0, PF1, "0000:3b:00.0", CX5, "0000:86:00.1");
        NicInventory e810 = s.getInventory().getNics().get(0);
        assertThat(e810.getDriver()).isEqualTo("ice");
        assertThat(e810.getNumaNode()).isZero();
        assertThat(e810.getTotalVfs()).isEqualTo(128);
        assertThat(e810.getSpeedMbps()).isEqualTo(100000);
        assertThat(s.getInventory().getNics().get(2).getDeviceClass()).isEqualTo("accelerator");
        assertThat(s.getInventory().getCpus().getOnline()).isEqualTo("0-31");
        assertThat(s.getInventory().getHugepages()).anySatisfy(p -> {
            assertThat(p.getNumaNode()).isZero();
            assertThat(p.getTotal()).isEqualTo(16);
        });
        assertThat(s.getInventory().getKubelet().getCpuManagerPolicy()).isEqualTo("none");
        assertThat(s.getInventory().getOvs().getReachable()).isFalse();
        assertThat(Conditions.reason(s.getConditions(), Conditions.READY)).isEqualTo("Applied");
    }

    @Test
    void vfsDriversAndMtuAreAppliedInOrderAndReadBack() {
        h.spec("""
                interfaces:
                - pciAddress: "0000:18:00.0"
                  numVfs: 8
                  mtu: 9000
                  vfGroups:
                  - {pool: dpdk, resourceName: e810_dpdk, deviceType: vfio-pci, first: 0, last: 3}
                  - {pool: kernel, resourceName: e810_kernel, deviceType: netdevice, first: 4, last: 7, mtu: 1500}
                """);
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("8");
        assertThat(h.pf(PF0, "sriov_drivers_autoprobe")).as("no kernel driver before vfio-pci").isEqualTo("0");
        for (int i = 0; i < 4; i++) {
            assertThat(h.driverOf(h.vf(PF0, i))).isEqualTo("vfio-pci");
        }
        for (int i = 4; i < 8; i++) {
            assertThat(h.driverOf(h.vf(PF0, i))).isEqualTo("iavf");
            assertThat(h.read("/sys/class/net/ens1f0v" + i + "/mtu")).isEqualTo("1500");
        }
        assertThat(h.read("/sys/class/net/ens1f0/mtu")).isEqualTo("9000");
        assertThat(h.host.writes()).as("order: PF MTU, autoprobe, numvfs, then drivers").first().asString().endsWith("/mtu=9000");
        assertThat(h.host.writes().get(1)).endsWith("sriov_drivers_autoprobe=0");
        assertThat(h.host.writes().get(2)).endsWith("sriov_numvfs=8");
        assertThat(s.getOwned().getVfs()).containsExactly(PF0);
        assertThat(s.getOwned().getDriverOverrides()).hasSize(8);
        assertThat(s.getMessage()).startsWith("Generation " + h.generation() + " applied: ").contains("VFs of " + PF0 + " 0 -> 8");
        NicInventory pf = s.getInventory().getNics().get(0);
        assertThat(pf.getNumVfs()).isEqualTo(8);
        assertThat(pf.getVfs()).extracting(v -> v.getDriver()).containsExactly("vfio-pci", "vfio-pci", "vfio-pci", "vfio-pci",
                "iavf", "iavf", "iavf", "iavf");

        int writes = h.host.writes().size();
        NfvNodeStateStatus again = h.reconcile();
        assertThat(h.host.writes()).as("a converged host gets no writes").hasSize(writes);
        assertThat(StatusComparison.same(s, again)).as("same status, so no status write").isTrue();
    }

    @Test
    void aNumVfsChangeWaitsForTheGrantWhileTheRestIsApplied() {
        h.spec("""
                interfaces: [{pciAddress: "0000:18:00.0", numVfs: 4, vfGroups: [{deviceType: netdevice, first: 0, last: 3}]}]
                """).reconcile();
        h.spec("""
                interfaces: [{pciAddress: "0000:18:00.0", numVfs: 8, mtu: 9000, vfGroups: [{deviceType: netdevice, first: 0, last: 7}]}]
                """);
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(s.getDisruptionRequired()).isTrue();
        assertThat(s.getLastAppliedGeneration()).isEqualTo(h.generation() - 1);
        assertThat(h.condition(Conditions.PROGRESSING).getReason()).isEqualTo("AwaitingDisruptionGrant");
        assertThat(h.condition(Conditions.READY).getStatus()).isEqualTo("False");
        assertThat(s.getMessage()).contains("VFs of " + PF0 + " 4 -> 8");
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("4");
        assertThat(h.read("/sys/class/net/ens1f0/mtu")).as("not disruptive: applied meanwhile").isEqualTo("9000");
        assertThat(h.node.calls).isEmpty();

        h.grant(true);
        assertThat(h.node.pods).as("a pod to evict").isNotEmpty();
        s = h.reconcileOnce();
        assertThat(s.getCordoned()).as("cordoned, and the status says so before the drain").isTrue();
        assertThat(h.condition(Conditions.PROGRESSING).getReason()).isEqualTo("Draining");
        assertThat(h.condition("Cordoned").getStatus()).isEqualTo("True");
        assertThat(h.node.calls).containsExactly("cordon");
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("4");
        s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("8");
        assertThat(h.node.calls).containsExactly("cordon", "drain", "uncordon");
        assertThat(s.getDisruptionRequired()).isFalse();
        assertThat(s.getCordoned()).isFalse();
        assertThat(s.getMessage()).contains("4 -> 8 (through 0)");
        assertThat(h.condition("Cordoned").getStatus()).isEqualTo("False");
        assertThat(h.condition("Cordoned").getReason()).isEqualTo("Uncordoned");

        // The grant is spent: the operator leaves it in the spec. Someone sets the PF to 2 VFs; putting 8
        // back goes through 0 again, which is disruptive, so the agent asks rather than use the old grant.
        h.host.write("/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs", "0");
        h.host.write("/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs", "2");
        s = h.reconcile();
        assertThat(s.getDisruptionRequired()).as(s.getMessage()).isTrue();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("2");
        assertThat(h.node.calls).as("no cordon on a spent grant").hasSize(3);

        // A fresh grant (the operator cleared the spent one, then granted within the budget) repairs it.
        h.grant(false).reconcile();
        h.grant(true);
        s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("8");
        assertThat(h.node.calls).as("the first drain evicted the pod").containsExactly("cordon", "drain", "uncordon", "cordon", "uncordon");
    }

    @Test
    void withNothingToEvictTheChangeIsOneReconcileAndTheLabelsRideInTheCordonAndUncordon() {
        FakeNodeLabels labels = new FakeNodeLabels(h.node);
        h.labels = labels;
        h.restartAgent();
        h.node.pods.clear(); // only DaemonSet and mirror pods: nothing a drain would evict
        h.node.labels.put(NodeCapabilities.DPDK_READY, "true"); // an earlier run's, no longer earned
        h.node.labels.put("example.com/other", "kept");
        // Granted in the first write (nothing published yet): the cordon's fresh read is the labels' reference.
        h.spec("hugepages: {pages: [{size: 1Gi, count: 2, numaNode: 0}]}").grant(true);

        NfvNodeStateStatus s = h.reconcileOnce();
        assertThat(s.getSyncStatus()).as("no draining status first: " + s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(s.getCordoned()).isFalse();
        assertThat(s.getDisruptionRequired()).isFalse();
        assertThat(h.read("/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages")).isEqualTo("2");
        assertThat(h.node.calls).as("no drain call: the pod list was empty").containsExactly("cordon", "uncordon");
        Map<String, String> atCordon = new HashMap<>();
        atCordon.put(NodeCapabilities.SRIOV_CAPABLE, "true");
        atCordon.put(NodeCapabilities.HUGEPAGES_2MI, "true");
        atCordon.put(NodeCapabilities.DPDK_READY, null);
        assertThat(h.node.labelPatches).as("the host before the change with the cordon, what the change added with the uncordon")
                .containsExactly(atCordon, Map.of(NodeCapabilities.HUGEPAGES_1GI, "true"));
        assertThat(h.node.labels).containsEntry("example.com/other", "kept").doesNotContainKey(NodeCapabilities.DPDK_READY)
                .containsEntry(NodeCapabilities.HUGEPAGES_1GI, "true");
        assertThat(labels.publish(NodeCapabilities.labels(s.getInventory()))).as("the loop's publication after it: nothing to write")
                .isFalse();
        assertThat(labels.reads + labels.writes).as("labels read or written on their own").isZero();

        // A change that leaves the labels as they are: the uncordon carries none.
        h.grant(false).spec("""
                hugepages: {pages: [{size: 1Gi, count: 2, numaNode: 0}]}
                cpu: {reserved: "0-1", managerPolicy: static}
                """).grant(true).reconcileOnce();
        assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.node.calls).containsExactly("cordon", "uncordon", "cordon", "uncordon");
        assertThat(h.node.labelPatches.subList(2, 4)).containsExactly(Map.of(), Map.of());
    }

    @Test
    void anAlreadyCordonedNodeIsLeftCordoned() {
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2}]").reconcile();
        h.node.unschedulable = true; // an admin cordoned it
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 3}]").grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.node.calls).containsExactly("drain");
        assertThat(h.node.unschedulable).isTrue();
        assertThat(h.status().getCordoned()).as("not the agent's cordon").isFalse();
    }

    @Test
    void drainDisabledAppliesWithoutCordon() {
        h.node.settings = new io.dataplane.operator.agent.cluster.NodeControl.DrainSettings(false, java.time.Duration.ZERO, true);
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2}]").reconcile();
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 3}]").grant(true).reconcile();
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("3");
        assertThat(h.node.calls).isEmpty();
    }

    @Test
    void driverChangeOfABoundVfIsDisruptiveButBindingAFreshVfIsNot() {
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4, vfGroups: [{deviceType: netdevice, first: 0, last: 3}]}]").reconcile();
        String vf0 = h.vf(PF0, 0);
        assertThat(h.driverOf(vf0)).isEqualTo("iavf");
        h.spec("""
                interfaces: [{pciAddress: "0000:18:00.0", numVfs: 4, vfGroups: [{deviceType: vfio-pci, first: 0, last: 1},
                  {deviceType: netdevice, first: 2, last: 3}]}]
                """);
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(s.getMessage()).contains("driver of " + vf0 + " iavf -> vfio-pci");
        assertThat(h.driverOf(vf0)).isEqualTo("iavf");
        h.grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.driverOf(vf0)).isEqualTo("vfio-pci");
        assertThat(h.pf(vf0, "driver_override")).isEqualTo("vfio-pci");
        assertThat(h.host.exists("/dev/vfio/" + h.host.linkName("/sys/bus/pci/devices/" + vf0 + "/iommu_group").orElseThrow())).isTrue();

        // back to netdevice: override cleared, default driver probed
        h.grant(false).spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4, vfGroups: [{deviceType: netdevice, first: 0, last: 3}]}]")
                .grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.driverOf(vf0)).isEqualTo("iavf");
        assertThat(h.pf(vf0, "driver_override")).isEqualTo("(null)");
    }

    @Test
    void hugepagesPerNodeAreAGrantedChangeFollowedByAKubeletRestart() {
        h.spec("hugepages: {pages: [{size: 1Gi, count: 4, numaNode: 1}, {size: 2Mi, count: 512}]}");
        assertThat(h.reconcile().getSyncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(h.status().getMessage()).contains("huge pages 1Gi on NUMA node 1 0 -> 4", "huge pages 2Mi 16 -> 512");
        h.grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.read("/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages")).isEqualTo("4");
        assertThat(h.read("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages")).isEqualTo("512");
        assertThat(h.commands.calls()).containsExactly("restart kubelet");
        assertThat(h.status().getMessage()).contains("restarted kubelet (huge pages changed");
        assertThat(h.status().getOwned().getHugepages()).containsExactly("1Gi/1", "2Mi/all");
        assertThat(h.status().getInventory().getHugepages()).anySatisfy(p -> {
            assertThat(p.getSize().value()).isEqualTo("1Gi");
            assertThat(p.getNumaNode()).isEqualTo(1);
            assertThat(p.getTotal()).isEqualTo(4);
            assertThat(p.getFree()).isEqualTo(4);
        });
    }

    @Test
    void kubeletDropInStopsTheKubeletRemovesTheCheckpointAndStartsIt() {
        h.host.writeFile("/var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"none\"}");
        h.spec("""
                cpu: {reserved: "0-1", managerPolicy: static, managerPolicyOptions: [full-pcpus-only, distribute-cpus-across-numa],
                      topologyManagerPolicy: single-numa-node, topologyManagerScope: pod}
                """);
        assertThat(h.reconcile().getSyncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(h.commands.calls()).isEmpty();
        h.grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.commands.calls()).containsExactly("stop kubelet", "start kubelet");
        assertThat(h.host.exists("/var/lib/kubelet/cpu_manager_state")).isFalse();
        Golden.assertMatches(Golden.ROOT.resolve("agent/kubelet-dropin-static.conf"),
                h.read("/etc/kubernetes/kubelet.conf.d/99-dataplane-operator.conf") + "\n");
        assertThat(h.status().getInventory().getKubelet().getCpuManagerPolicy()).isEqualTo("static");
        assertThat(h.status().getInventory().getKubelet().getCpuManagerPolicyOptions())
                .containsExactly("distribute-cpus-across-numa", "full-pcpus-only");
        assertThat(h.status().getInventory().getKubelet().getTopologyManagerScope()).isEqualTo("pod");
        assertThat(h.status().getMessage()).contains("restarted kubelet (CPU/topology settings)");
        assertThat(h.status().getOwned().getKubeletDropIn()).isTrue();

        h.reconcile();
        assertThat(h.commands.calls()).as("converged: no more restarts").hasSize(2);
    }

    @Test
    void rebootReappliesTheAppliedGenerationWithoutANewGrant() {
        h.spec("""
                interfaces: [{pciAddress: "0000:18:00.0", numVfs: 4, vfGroups: [{deviceType: vfio-pci, first: 0, last: 3}]}]
                hugepages: {pages: [{size: 1Gi, count: 2, numaNode: 0}]}
                cpu: {reserved: "0", managerPolicy: static}
                """).grant(true).reconcile();
        h.grant(false).reconcile();
        assertThat(h.status().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        h.commands.clear();
        h.node.calls.clear();

        h.reboot();
        assertThat(h.pf(PF0, "sriov_numvfs")).as("a fresh boot").isEqualTo("0");
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(s.getDisruptionRequired()).isFalse();
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("4");
        assertThat(h.driverOf(h.vf(PF0, 3))).isEqualTo("vfio-pci");
        assertThat(h.read("/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages")).isEqualTo("2");
        assertThat(h.commands.calls()).as("the drop-in survived the reboot; huge pages need the kubelet restarted")
                .containsExactly("restart kubelet");
        assertThat(h.node.calls).as("no drain for a re-apply").isEmpty();
    }

    @Test
    void agentKilledBetweenWritingZeroAndNConvergesOnRestart() {
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4, vfGroups: [{deviceType: vfio-pci, first: 0, last: 3}]}]").reconcile();
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 8, vfGroups: [{deviceType: vfio-pci, first: 0, last: 7}]}]").grant(true);
        h.wrap = fs -> new CrashAfterZero(fs);
        h.restartAgent();
        org.assertj.core.api.Assertions.assertThatThrownBy(h::reconcile)
                .isInstanceOf(io.dataplane.operator.host.sim.SimulatedCrash.class);
        assertThat(h.pf(PF0, "sriov_numvfs")).as("killed right after writing 0").isEqualTo("0");
        assertThat(h.node.calls).containsExactly("cordon", "drain");

        h.wrap = fs -> fs;
        h.restartAgent();
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("8");
        for (int i = 0; i < 8; i++) {
            assertThat(h.driverOf(h.vf(PF0, i))).isEqualTo("vfio-pci");
        }
        assertThat(h.node.calls).as("the restarted agent knew it had cordoned; 0 -> 8 needs no drain")
                .containsExactly("cordon", "drain", "uncordon");
        assertThat(s.getCordoned()).isFalse();
    }

    @Test
    void ownedStateIsKeptOnTheHostAndInStatus() throws Exception {
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2, mtu: 9000}]").reconcile();
        String file = Files.readString(root.resolve("var/lib/dataplane-agent/owned.json"));
        assertThat(file).contains("\"numVfs\"", "\"" + PF0 + "\" : 0", "\"pfMtu\"", "1500");
        assertThat(h.status().getOwned().getVfs()).containsExactly(PF0);
        assertThat(List.of(h.status().getOwned().getDriverOverrides())).containsExactly(List.of());
    }
}
