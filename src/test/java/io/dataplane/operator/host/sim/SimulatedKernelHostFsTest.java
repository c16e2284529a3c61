package io.dataplane.operator.host.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataplane.operator.host.Errno;
import io.dataplane.operator.host.HostReadException;
import io.dataplane.operator.host.HostWriteException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated kernel answers sysfs writes as Linux does. */
class SimulatedKernelHostFsTest {

    static final String PF = "0000:18:00.0"; // E810 port 0, ens1f0, NUMA 0
    static final String PF_DEV = "/sys/bus/pci/devices/" + PF;
    static final String NUMVFS = PF_DEV + "/sriov_numvfs";
    static final String VF0 = "0000:18:01.0"; // first VF offset 8 on the E810

    @TempDir
    Path root;
    SimulatedKernelHostFs k;

    @BeforeEach
    void host() {
        k = FakeHostBuilder.bareMetal()
                .nic(HardwareProfile.INTEL_E810, 0)
                .nic(HardwareProfile.MELLANOX_CX5, 1)
                .build(root);
    }

    // ------------------------------------------------------------------ sriov_numvfs

    @ParameterizedTest(name = "{0} VFs, write {1} -> {2}, then {3} VFs")
    @CsvSource(nullValues = "ok", textBlock = """
            0, 4,   ok,     4
            4, 4,   ok,     4
            4, 8,   EBUSY,  4
            4, 0,   ok,     0
            0, 0,   ok,     0
            0, 128, ok,     128
            0, 129, ERANGE, 0
            4, 129, ERANGE, 4
            0, abc, EINVAL, 0
            0, -1,  EINVAL, 0
            """)
    void sriovNumvfsFollowsTheKernel(int initial, String write, Errno expected, int after) {
        if (initial > 0) {
            k.write(NUMVFS, Integer.toString(initial));
        }
        if (expected == null) {
            k.write(NUMVFS, write);
        } else {
            assertThatThrownBy(() -> k.write(NUMVFS, write))
                    .isInstanceOfSatisfying(HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(expected));
        }
        assertThat(k.readInt(NUMVFS)).isEqualTo(after);
        assertThat(k.list(PF_DEV).stream().filter(n -> n.startsWith("virtfn"))).hasSize(after);
    }

    @Test
    void creatingVfsLaysOutDevicesLikeTheKernel() {
        k.write(NUMVFS, "2");
        assertThat(k.readLink(PF_DEV + "/virtfn0")).contains("../" + VF0);
        assertThat(k.linkName(PF_DEV + "/virtfn1")).contains("0000:18:01.1");
        String vf = "/sys/bus/pci/devices/" + VF0;
        assertThat(k.readLink(vf)).contains("../../../devices/pci0000:17/0000:17:00.0/" + VF0);
        assertThat(k.readLink(vf + "/physfn")).contains("../" + PF);
        assertThat(k.read(vf + "/vendor")).isEqualTo("0x8086");
        assertThat(k.read(vf + "/device")).isEqualTo("0x1889");
        assertThat(k.read(vf + "/numa_node")).isEqualTo("0");
        assertThat(k.linkName(vf + "/driver")).contains("iavf");
        assertThat(k.list(vf + "/net")).containsExactly("ens1f0v0");
        assertThat(k.read("/sys/class/net/ens1f0v0/operstate")).isEqualTo("down");
        assertThat(k.exists("/sys/bus/pci/drivers/iavf/" + VF0)).isTrue();
        assertThat(k.linkName(vf + "/iommu_group")).isPresent();
    }

    @Test
    void writingZeroRemovesEveryVfAndItsNetdev() {
        k.write(NUMVFS, "3");
        k.write(NUMVFS, "0");
        assertThat(k.exists("/sys/bus/pci/devices/" + VF0)).isFalse();
        assertThat(k.exists("/sys/class/net/ens1f0v0")).isFalse();
        assertThat(k.exists("/sys/bus/pci/drivers/iavf/" + VF0)).isFalse();
        assertThat(k.list(PF_DEV)).noneMatch(n -> n.startsWith("virtfn"));
    }

    @Test
    void secondPortsVfsDoNotOverlapTheFirstPorts() {
        k.write(NUMVFS, "128");
        k.write("/sys/bus/pci/devices/0000:18:00.1/sriov_numvfs", "2");
        // routing ids: PF0 0x1800, its VFs 0x1808..0x1887; PF1 0x1801 + (8 - 1 + 128) = 0x1888
        assertThat(k.linkName(PF_DEV + "/virtfn127")).contains("0000:18:10.7");
        assertThat(k.linkName("/sys/bus/pci/devices/0000:18:00.1/virtfn0")).contains("0000:18:11.0");
    }

    @Test
    void driverMayEnableFewerVfsThanAsked() {
        k.limitVfs(PF, 3);
        k.write(NUMVFS, "8");
        assertThat(k.readInt(NUMVFS)).isEqualTo(3);
    }

    @Test
    void noAutoprobeLeavesVfsWithoutDriver() {
        k.write(PF_DEV + "/sriov_drivers_autoprobe", "0");
        k.write(NUMVFS, "1");
        assertThat(k.readLink("/sys/bus/pci/devices/" + VF0 + "/driver")).isEmpty();
        assertThat(k.exists("/sys/class/net/ens1f0v0")).isFalse();
    }

    @Test
    void pfWithoutDriverCannotConfigureSriov() {
        k.write(PF_DEV + "/driver/unbind", PF);
        assertThatThrownBy(() -> k.write(NUMVFS, "2"))
                .isInstanceOfSatisfying(HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void unbindingThePfDriverDestroysItsVfs() {
        k.write(NUMVFS, "2");
        k.write("/sys/bus/pci/drivers/ice/unbind", PF);
        assertThat(k.exists("/sys/bus/pci/devices/" + VF0)).isFalse();
        assertThat(k.readInt(NUMVFS)).isZero();
        assertThat(k.exists("/sys/class/net/ens1f0")).isFalse();
        k.write("/sys/bus/pci/drivers_probe", PF);
        assertThat(k.linkName(PF_DEV + "/driver")).contains("ice");
        assertThat(k.read("/sys/class/net/ens1f0/address")).isEqualTo("b4:96:91:10:00:01");
    }

    // ------------------------------------------------------------------ driver binding

    @Test
    void vfToVfioPciAndBackWithOverrideUnbindProbe() {
        k.write(NUMVFS, "1");
        String vf = "/sys/bus/pci/devices/" + VF0;
        assertThat(k.read(vf + "/driver_override")).isEqualTo("(null)");
        k.write(vf + "/driver_override", "vfio-pci");
        k.write(vf + "/driver/unbind", VF0);
        assertThat(k.readLink(vf + "/driver")).isEmpty();
        k.write("/sys/bus/pci/drivers_probe", VF0);
        assertThat(k.linkName(vf + "/driver")).contains("vfio-pci");
        String group = k.linkName(vf + "/iommu_group").orElseThrow();
        assertThat(k.exists("/dev/vfio/" + group)).isTrue();
        assertThat(k.exists("/sys/class/net/ens1f0v0")).isFalse();
        assertThat(k.list(vf + "/net")).isEmpty();

        k.write(vf + "/driver_override", "\n");
        k.write("/sys/bus/pci/drivers/vfio-pci/unbind", VF0);
        assertThat(k.exists("/dev/vfio/" + group)).isFalse();
        k.write("/sys/bus/pci/drivers_probe", VF0);
        assertThat(k.linkName(vf + "/driver")).contains("iavf");
        assertThat(k.list(vf + "/net")).containsExactly("ens1f0v0");
    }

    @Test
    void bindAndUnbindErrors() {
        // unbind from a driver the device is not bound to
        assertThatThrownBy(() -> k.write("/sys/bus/pci/drivers/mlx5_core/unbind", PF)).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
        // bind while a driver is bound
        assertThatThrownBy(() -> k.write("/sys/bus/pci/drivers/ice/bind", PF)).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
        // vfio-pci has no id table: bind without driver_override does not match
        k.write("/sys/bus/pci/drivers/ice/unbind", PF);
        assertThatThrownBy(() -> k.write("/sys/bus/pci/drivers/vfio-pci/bind", PF)).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
        // a driver that is not loaded has no directory at all
        assertThatThrownBy(() -> k.write("/sys/bus/pci/drivers/i40e/unbind", PF)).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        // unknown device
        assertThatThrownBy(() -> k.write("/sys/bus/pci/drivers_probe", "0000:ff:00.0")).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
        // with the override, bind works
        k.write(PF_DEV + "/driver_override", "vfio-pci");
        k.write("/sys/bus/pci/drivers/vfio-pci/bind", PF);
        assertThat(k.linkName(PF_DEV + "/driver")).contains("vfio-pci");
    }

    @Test
    void readOnlyAttributesAreEaccesAndSysfsCannotGetNewFiles() {
        assertThatThrownBy(() -> k.write(PF_DEV + "/vendor", "0x1234")).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
        assertThatThrownBy(() -> k.writeFile("/sys/bus/pci/devices/new", "x")).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
        assertThatThrownBy(() -> k.write(PF_DEV + "/no_such_attr", "1")).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void virtioInVmNeedsNoIommuModeForVfio(@TempDir Path vmRoot) {
        SimulatedKernelHostFs vm = FakeHostBuilder.virtualMachine().nic(HardwareProfile.VIRTIO_NET, 0).build(vmRoot);
        String dev = "/sys/bus/pci/devices/0000:00:03.0";
        assertThat(vm.list(dev + "/virtio0/net")).containsExactly("enp0s3");
        vm.write(dev + "/driver_override", "vfio-pci");
        vm.write(dev + "/driver/unbind", "0000:00:03.0");
        vm.write("/sys/bus/pci/drivers_probe", "0000:00:03.0");
        assertThat(vm.readLink(dev + "/driver")).as("vfio-pci probe fails without an IOMMU group").isEmpty();

        vm.write("/sys/module/vfio/parameters/enable_unsafe_noiommu_mode", "1");
        assertThat(vm.read("/sys/module/vfio/parameters/enable_unsafe_noiommu_mode")).isEqualTo("Y");
        vm.write("/sys/bus/pci/drivers_probe", "0000:00:03.0");
        assertThat(vm.linkName(dev + "/driver")).contains("vfio-pci");
        String group = vm.linkName(dev + "/iommu_group").orElseThrow();
        assertThat(vm.list("/dev/vfio")).contains("noiommu-" + group);
        assertThat(vm.exists(dev + "/virtio0")).isFalse();
        assertThat(vm.exists("/sys/class/net/enp0s3")).isFalse();

        vm.write(dev + "/driver_override", "\n");
        vm.write(dev + "/driver/unbind", "0000:00:03.0");
        assertThat(vm.list("/dev/vfio")).containsExactly("vfio");
        vm.write("/sys/bus/pci/drivers_probe", "0000:00:03.0");
        assertThat(vm.linkName(dev + "/driver")).contains("virtio-pci");
        assertThat(vm.read("/sys/class/net/enp0s3/mtu")).isEqualTo("1500");
    }

    // ------------------------------------------------------------------ huge pages

    static final String NODE0_1G = "/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/";
    static final String NODE0_2M = "/sys/devices/system/node/node0/hugepages/hugepages-2048kB/";

    @Test
    void hugepageAllocationIsPartialWhenMemoryRunsOut() {
        // 16 GiB per node for huge pages (bareMetal default)
        k.write(NODE0_1G + "nr_hugepages", "20");
        assertThat(k.readInt(NODE0_1G + "nr_hugepages")).isEqualTo(16);
        assertThat(k.readInt(NODE0_1G + "free_hugepages")).isEqualTo(16);
        k.write(NODE0_2M + "nr_hugepages", "100");
        assertThat(k.readInt(NODE0_2M + "nr_hugepages")).isZero();
        k.write(NODE0_1G + "nr_hugepages", "15");
        k.write(NODE0_2M + "nr_hugepages", "1000");
        assertThat(k.readInt(NODE0_2M + "nr_hugepages")).isEqualTo(512);
        assertThat(k.readInt("/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages")).isEqualTo(15);
    }

    @Test
    void shrinkingKeepsPagesInUse() {
        k.write(NODE0_1G + "nr_hugepages", "8");
        k.useHugepages(0, 1048576, 5);
        k.write(NODE0_1G + "nr_hugepages", "2");
        assertThat(k.readInt(NODE0_1G + "nr_hugepages")).isEqualTo(5);
        assertThat(k.readInt(NODE0_1G + "free_hugepages")).isZero();
        assertThat(k.readInt("/sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages")).isZero();
    }

    @Test
    void globalCountIsSpreadOverNodes() {
        k.write("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "5");
        assertThat(k.readInt(NODE0_2M + "nr_hugepages")).isEqualTo(3);
        assertThat(k.readInt("/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages")).isEqualTo(2);
    }

    // ------------------------------------------------------------------ netdev

    @Test
    void speedIsEinvalWhileTheLinkIsDown() {
        assertThat(k.readInt("/sys/class/net/ens1f0/speed")).isEqualTo(100000);
        k.setLink("ens1f0", false, 100000);
        assertThat(k.read("/sys/class/net/ens1f0/operstate")).isEqualTo("down");
        assertThatThrownBy(() -> k.read("/sys/class/net/ens1f0/speed")).isInstanceOfSatisfying(
                HostReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "ok", textBlock = """
            ens1f0, 9000,  ok
            ens1f0, 9702,  ok
            ens1f0, 9703,  EINVAL
            ens1f0, 67,    EINVAL
            ens1f0, jumbo, EINVAL
            ens2f0, 9978,  ok
            """)
    void mtuRangeIsTheDriversMtuRange(String ifname, String mtu, Errno expected) {
        String path = "/sys/class/net/" + ifname + "/mtu";
        if (expected == null) {
            k.write(path, mtu);
            assertThat(k.read(path)).isEqualTo(mtu);
        } else {
            assertThatThrownBy(() -> k.write(path, mtu)).isInstanceOfSatisfying(
                    HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(expected));
            assertThat(k.read(path)).isEqualTo("1500");
        }
    }

    // ------------------------------------------------------------------ faults

    @Test
    void injectedFaultHitsAnyAliasOnceAndChangesNothing() {
        k.failNextWrite("/sys/devices/pci0000:17/0000:17:00.0/" + PF + "/sriov_numvfs", Errno.ENOMEM);
        assertThatThrownBy(() -> k.write(NUMVFS, "4")).isInstanceOfSatisfying(
                HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOMEM));
        assertThat(k.readInt(NUMVFS)).isZero();
        k.write(NUMVFS, "4");
        assertThat(k.readInt(NUMVFS)).isEqualTo(4);
    }

    @Test
    void crashStopsTheCallerAfterTheWriteTookEffect() {
        k.write(NUMVFS, "4");
        k.crashAfterWrites(1);
        assertThatThrownBy(() -> k.write(NUMVFS, "0")).isInstanceOf(SimulatedCrash.class);
        assertThat(k.readInt(NUMVFS)).isZero();
        k.write(NUMVFS, "8"); // one-shot: the restarted agent carries on
        assertThat(k.readInt(NUMVFS)).isEqualTo(8);
        assertThat(k.writes()).containsSubsequence(NUMVFS + "=0", NUMVFS + "=8");
    }
}
