package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When intent disappears the agent restores what it changed, and only that. */
class NodeAgentRevertTest {

    static final String PF0 = "0000:18:00.0";
    static final String PF1 = "0000:18:00.1";
    static final String FULL = """
            interfaces:
            - pciAddress: "0000:18:00.0"
              numVfs: 4
              mtu: 9000
              vfGroups: [{deviceType: vfio-pci, first: 0, last: 1}, {deviceType: netdevice, first: 2, last: 3}]
            hugepages: {pages: [{size: 1Gi, count: 2, numaNode: 0}, {size: 2Mi, count: 64, numaNode: 1}]}
            cpu: {reserved: "0-1", managerPolicy: static, topologyManagerPolicy: single-numa-node}
            """;

    @TempDir
    Path root;

    @Test
    void anEmptySpecRestoresEverythingTheAgentChangedAndNothingElse() throws Exception {
        AgentHarness h = new AgentHarness(root, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0)
                .hugepages(0, 1048576, 1));
        // Not the agent's: VFs someone else made on the other port, and a drop-in of the admin.
        h.host.write("/sys/bus/pci/devices/" + PF1 + "/sriov_numvfs", "2");
        h.host.writeFile("/etc/kubernetes/kubelet.conf.d/10-admin.conf", "apiVersion: kubelet.config.k8s.io/v1beta1\n"
                + "kind: KubeletConfiguration\nmaxPods: 50\n");
        h.spec(FULL).grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.read("/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages")).isEqualTo("2");
        h.grant(false).reconcile();

        h.spec("{}");
        NfvNodeStateStatus waiting = h.reconcile();
        assertThat(waiting.getSyncStatus()).as("removing VFs, huge pages and kubelet settings is disruptive too")
                .isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(waiting.getMessage()).contains("(no longer wanted)");
        assertThat(h.read("/sys/class/net/ens1f0/mtu")).as("the MTU is not disruptive: restored at once").isEqualTo("1500");
        h.commands.clear();

        NfvNodeStateStatus s = h.grant(true).reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("0");
        assertThat(h.pf(PF0, "sriov_drivers_autoprobe")).as("restored to the kernel's default").isEqualTo("1");
        assertThat(h.read("/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages"))
                .as("back to the boot-time page, not to 0").isEqualTo("1");
        assertThat(h.read("/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages")).isEqualTo("0");
        assertThat(h.host.exists("/etc/kubernetes/kubelet.conf.d/99-dataplane-operator.conf")).isFalse();
        assertThat(h.commands.calls()).containsExactly("stop kubelet", "start kubelet");
        assertThat(s.getOwned()).isNull();
        assertThat(Files.readString(root.resolve("var/lib/dataplane-agent/owned.json"))).doesNotContain(PF0, "1Gi");

        // what was not the agent's is untouched
        assertThat(h.pf(PF1, "sriov_numvfs")).isEqualTo("2");
        assertThat(h.host.exists("/etc/kubernetes/kubelet.conf.d/10-admin.conf")).isTrue();
        assertThat(s.getInventory().getKubelet().getCpuManagerPolicy()).isEqualTo("none");
    }

    @Test
    void aPfAlreadyConfiguredBySomeoneElseIsRestoredToItsCount() {
        AgentHarness h = new AgentHarness(root, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0));
        h.host.write("/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs", "2");
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2}]").reconcile();
        assertThat(h.status().getOwned()).as("the same count: nothing changed, nothing owned").isNull();

        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 6}]").grant(true).reconcile();
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("6");
        h.spec("{}").reconcile();
        assertThat(h.pf(PF0, "sriov_numvfs")).as("what it had before the agent").isEqualTo("2");
        assertThat(h.status().getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
    }

    @Test
    void nestedVirtioDevicesGoToVfioWithNoIommuModeAndBack() {
        AgentHarness h = new AgentHarness(root, () -> FakeHostBuilder.virtualMachine().nic(HardwareProfile.VIRTIO_NET, 0)
                .nic(HardwareProfile.VIRTIO_NET_TRANSITIONAL, 0));
        String dev = "0000:00:04.0";
        assertThat(h.reconcile().getInventory().getNics()).extracting(n -> n.getDeviceClass()).containsExactly("virtio", "virtio");
        assertThat(h.status().getInventory().getVfioNoIommu()).isFalse();

        h.spec("nested: [{pciAddresses: [\"0000:00:04.0\"], driver: vfio-pci, noIommu: true, resourceName: virtio_dpdk}]");
        NfvNodeStateStatus s = h.reconcile();
        assertThat(s.getSyncStatus()).as("the device carries a kernel netdev").isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(h.read("/sys/module/vfio/parameters/enable_unsafe_noiommu_mode")).as("enabling the mode is not disruptive")
                .isEqualTo("Y");
        s = h.grant(true).reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.driverOf(dev)).isEqualTo("vfio-pci");
        assertThat(h.host.list("/dev/vfio")).anyMatch(n -> n.startsWith("noiommu-"));
        assertThat(s.getInventory().getVfioNoIommu()).isTrue();
        assertThat(h.driverOf("0000:00:03.0")).as("the other device stays").isEqualTo("virtio-pci");

        h.grant(false).spec("{}").grant(true).reconcile();
        assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.driverOf(dev)).isEqualTo("virtio-pci");
        assertThat(h.read("/sys/module/vfio/parameters/enable_unsafe_noiommu_mode")).isEqualTo("N");
        assertThat(h.host.list("/dev/vfio")).noneMatch(n -> n.startsWith("noiommu-"));
    }

    @Test
    void withoutTheHostFileStatusOwnedStillDrivesTheRevert() throws Exception {
        AgentHarness h = new AgentHarness(root, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0));
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 3}]").reconcile();
        Files.delete(root.resolve("var/lib/dataplane-agent/owned.json")); // a wiped state directory
        h.restartAgent();
        h.spec("{}").grant(true).reconcile();
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("0");
        assertThat(h.status().getOwned()).isNull();
    }
}
