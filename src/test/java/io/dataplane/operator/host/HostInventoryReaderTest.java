package io.dataplane.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.api.v1alpha1.HugepageSize;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.host.fake.GoldenFiles;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.host.sim.SimulatedKernelHostFs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HostInventoryReaderTest {

    @TempDir
    Path root;

    /** Two sockets: E810 on node 0, ConnectX-5 and QAT on node 1, with VFs and huge pages in use. */
    private SimulatedKernelHostFs server() {
        SimulatedKernelHostFs k = FakeHostBuilder.bareMetal()
                .nic(HardwareProfile.INTEL_E810, 0)
                .nic(HardwareProfile.MELLANOX_CX5, 1)
                .nic(HardwareProfile.INTEL_QAT_4XXX, 1)
                .hugepages(0, 1048576, 4)
                .build(root);
        k.write("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs", "3");
        new DriverBinder(k).bind("0000:18:01.2", "vfio-pci");
        k.write("/sys/bus/pci/devices/0000:86:00.0/sriov_numvfs", "2");
        k.write("/sys/bus/pci/devices/0000:af:00.0/sriov_numvfs", "2");
        k.write("/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages", "512");
        k.setLink("ens1f1", false, 100000);
        return k;
    }

    @Test
    void serverInventoryMatchesGolden() {
        NodeInventory inv = new HostInventoryReader(server()).read();
        GoldenFiles.assertMatchesJson(inv, "host/inventory-server-e810-cx5-qat.json");
    }

    @Test
    void serverInventoryFacts() {
        NodeInventory inv = new HostInventoryReader(server()).read();
        assertThat(inv.getNics()).extracting(NicInventory::getPciAddress).containsExactly(
                "0000:18:00.0", "0000:18:00.1", "0000:86:00.0", "0000:86:00.1", "0000:af:00.0");
        NicInventory e810 = inv.getNics().get(0);
        assertThat(e810.getDeviceClass()).isEqualTo("network");
        assertThat(e810.getVfDeviceID()).isEqualTo("1889");
        assertThat(e810.getNumVfs()).isEqualTo(3);
        assertThat(e810.getVfs()).extracting(v -> v.getDriver()).containsExactly("iavf", "iavf", "vfio-pci");
        assertThat(e810.getVfs().get(2).getName()).as("a vfio-pci VF has no netdev").isNull();
        assertThat(e810.getSpeedMbps()).isEqualTo(100000);
        NicInventory down = inv.getNics().get(1);
        assertThat(down.getLinkState()).isEqualTo("down");
        assertThat(down.getSpeedMbps()).as("speed EINVAL while down is not an error").isNull();
        assertThat(inv.getNics().get(4).getDeviceClass()).isEqualTo("accelerator");
        assertThat(inv.getNics().get(4).getName()).isNull();
        assertThat(inv.getCpus().getOnline()).isEqualTo("0-31");
        assertThat(inv.getCpus().getNumaNodes()).extracting(n -> n.getCpus()).containsExactly("0-7,16-23", "8-15,24-31");
        assertThat(inv.getCpus().getSmtSiblings()).hasSize(16).startsWith("0,16");
        assertThat(inv.getHugepages()).anySatisfy(h -> {
            assertThat(h.getSize()).isEqualTo(HugepageSize.SIZE_1GI);
            assertThat(h.getNumaNode()).isZero();
            assertThat(h.getTotal()).isEqualTo(4);
        });
        assertThat(inv.getVfioNoIommu()).isFalse();
    }

    @Test
    void vmInventoryMatchesGolden() {
        SimulatedKernelHostFs k = FakeHostBuilder.virtualMachine()
                .noIommuMode(true)
                .nic(HardwareProfile.VIRTIO_NET, 0)
                .nic(HardwareProfile.VIRTIO_NET_TRANSITIONAL, 0)
                .build(root);
        new DriverBinder(k).bind("0000:00:04.0", "vfio-pci");
        NodeInventory inv = new HostInventoryReader(k).read();
        GoldenFiles.assertMatchesJson(inv, "host/inventory-vm-virtio.json");

        assertThat(inv.getNics()).extracting(NicInventory::getDeviceClass).containsOnly("virtio");
        NicInventory kernel = inv.getNics().get(0);
        assertThat(kernel.getName()).isEqualTo("enp0s3");
        assertThat(kernel.getSpeedMbps()).as("virtio speed -1 is unknown").isNull();
        assertThat(kernel.getNumaNode()).isEqualTo(-1);
        assertThat(inv.getNics().get(1).getDriver()).isEqualTo("vfio-pci");
        assertThat(inv.getVfioNoIommu()).isTrue();
        assertThat(inv.getCpus().getSmtSiblings()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HardwareProfile.class)
    void everyProfileIsDiscoveredWithItsIdsDriversAndVfs(HardwareProfile profile) {
        FakeHostBuilder b = profile.virtio() ? FakeHostBuilder.virtualMachine() : FakeHostBuilder.bareMetal();
        SimulatedKernelHostFs k = b.nic(profile, 0, 1).build(root);
        String bdf = k.list("/sys/bus/pci/devices").get(0);
        if (profile.sriov()) {
            k.write("/sys/bus/pci/devices/" + bdf + "/sriov_numvfs", "2");
        }
        NodeInventory inv = new HostInventoryReader(k).read();
        assertThat(inv.getNics()).singleElement().satisfies(nic -> {
            assertThat(nic.getVendor()).isEqualTo(profile.vendor());
            assertThat(nic.getDeviceID()).isEqualTo(profile.device());
            assertThat(nic.getDriver()).isEqualTo(profile.pfDriver());
            assertThat(nic.getDeviceClass()).isEqualTo(profile.virtio() ? "virtio"
                    : profile.pciClass().startsWith("0x02") ? "network" : "accelerator");
            assertThat(nic.getName() != null).as("netdev").isEqualTo(profile.macOui() != null);
            if (profile.sriov()) {
                assertThat(nic.getTotalVfs()).isEqualTo(profile.totalVfs());
                assertThat(nic.getVfDeviceID()).isEqualTo(profile.vfDevice());
                assertThat(nic.getVfs()).hasSize(2).allSatisfy(vf -> {
                    assertThat(vf.getDeviceID()).isEqualTo(profile.vfDevice());
                    assertThat(vf.getDriver()).isEqualTo(profile.vfDriver());
                });
            } else {
                assertThat(nic.getTotalVfs()).isNull();
                assertThat(nic.getVfs()).isEmpty();
            }
        });
    }
}
