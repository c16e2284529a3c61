package io.dataplane.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataplane.operator.api.v1alpha1.HugepageSize;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.host.sim.SimulatedCrash;
import io.dataplane.operator.host.sim.SimulatedKernelHostFs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplyPrimitivesTest {

    static final String PF = "0000:18:00.0";

    @TempDir
    Path root;
    SimulatedKernelHostFs k;
    SriovConfigurer sriov;

    @BeforeEach
    void host() {
        k = FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0).build(root);
        sriov = new SriovConfigurer(k);
    }

    @ParameterizedTest(name = "{0} -> {1} (disruptive allowed: {2}) = {3}")
    @CsvSource(textBlock = """
            0, 8,   false, APPLIED,          8, false
            4, 4,   false, UNCHANGED,        4, false
            4, 8,   false, NEEDS_DISRUPTION, 4, false
            4, 8,   true,  APPLIED,          8, true
            4, 0,   false, APPLIED,          0, false
            0, 129, true,  FAILED,           0, false
            4, 129, true,  FAILED,           0, true
            """)
    void setNumVfs(int before, int requested, boolean allow, Outcome outcome, int after, boolean throughZero) {
        if (before > 0) {
            k.write("/sys/bus/pci/devices/" + PF + "/sriov_numvfs", Integer.toString(before));
        }
        SriovConfigurer.Result r = sriov.setNumVfs(PF, requested, allow);
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.after()).isEqualTo(after);
        assertThat(r.wentThroughZero()).isEqualTo(throughZero);
        assertThat(k.readInt("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).isEqualTo(after);
    }

    @Test
    void rangeErrorCarriesErrno() {
        assertThat(sriov.setNumVfs(PF, 200, false).errno()).isEqualTo(Errno.ERANGE);
    }

    @Test
    void partialVfCreationIsReported() {
        k.limitVfs(PF, 5);
        SriovConfigurer.Result r = sriov.setNumVfs(PF, 16, false);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.after()).isEqualTo(5);
        assertThat(r.message()).contains("only 5");
    }

    @Test
    void crashBetweenZeroAndNLeavesZeroAndARestartFinishes() {
        sriov.setNumVfs(PF, 4, false);
        k.crashAfterWrites(1);
        assertThatThrownBy(() -> sriov.setNumVfs(PF, 8, true)).isInstanceOf(SimulatedCrash.class);
        assertThat(k.readInt("/sys/bus/pci/devices/" + PF + "/sriov_numvfs")).isZero();
        SriovConfigurer.Result r = new SriovConfigurer(k).setNumVfs(PF, 8, false);
        assertThat(r.outcome()).as("0 -> 8 needs no disruption").isEqualTo(Outcome.APPLIED);
        assertThat(r.wentThroughZero()).isFalse();
    }

    @Test
    void bindVfToVfioAndBack() {
        sriov.setNumVfs(PF, 2, false);
        DriverBinder binder = new DriverBinder(k);
        String vf = "0000:18:01.0";
        DriverBinder.Result r = binder.bind(vf, "vfio-pci");
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.before()).isEqualTo("iavf");
        assertThat(r.after()).isEqualTo("vfio-pci");
        assertThat(binder.bind(vf, "vfio-pci").outcome()).isEqualTo(Outcome.UNCHANGED);
        int writes = k.writes().size();
        binder.bind(vf, "vfio-pci");
        assertThat(k.writes()).as("an unchanged bind writes nothing").hasSize(writes);

        DriverBinder.Result back = binder.unbindToDefault(vf);
        assertThat(back.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(back.after()).isEqualTo("iavf");
        assertThat(k.read("/sys/bus/pci/devices/" + vf + "/driver_override")).isEqualTo("(null)");
        assertThat(k.list("/sys/bus/pci/devices/" + vf + "/net")).containsExactly("ens1f0v0");
    }

    @Test
    void bindFailsCleanlyWhenDriverMissingOrProbeFails(@TempDir Path other) {
        SimulatedKernelHostFs noVfio = FakeHostBuilder.bareMetal().vfioLoaded(false)
                .nic(HardwareProfile.INTEL_X710, 0).build(other);
        DriverBinder.Result missing = new DriverBinder(noVfio).bind("0000:18:00.0", "vfio-pci");
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.after()).as("device left on its driver").isEqualTo("i40e");

        SimulatedKernelHostFs noIommu = FakeHostBuilder.bareMetal().iommu(false)
                .nic(HardwareProfile.INTEL_X710, 0).build(other.resolve("b"));
        DriverBinder.Result failed = new DriverBinder(noIommu).bind("0000:18:00.0", "vfio-pci");
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.after()).isNull();
        assertThat(failed.message()).contains("IOMMU");
    }

    @Test
    void bindSurfacesInjectedKernelError() {
        k.failNextWrite("/sys/bus/pci/devices/" + PF + "/driver_override", Errno.ENOMEM);
        DriverBinder.Result r = new DriverBinder(k).bind(PF, "vfio-pci");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(r.after()).isEqualTo("ice");
    }

    @Test
    void hugepagesReportPartialAllocation() {
        HugepageAllocator hp = new HugepageAllocator(k);
        HugepageAllocator.Result r = hp.allocate(HugepageSize.SIZE_1GI, 1, 32);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.requested()).isEqualTo(32);
        assertThat(r.allocated()).isEqualTo(16);
        assertThat(hp.allocate(HugepageSize.SIZE_1GI, 1, 16).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(hp.allocate(HugepageSize.SIZE_1GI, 1, 8).outcome()).isEqualTo(Outcome.APPLIED);
        k.useHugepages(1, 1048576, 6);
        HugepageAllocator.Result shrink = hp.allocate(HugepageSize.SIZE_1GI, 1, 2);
        assertThat(shrink.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(shrink.allocated()).isEqualTo(6);
        assertThat(hp.allocate(HugepageSize.SIZE_2MI, 7, 1).outcome()).as("no such node").isEqualTo(Outcome.FAILED);
    }

    @Test
    void mtu() {
        NetdevConfigurer net = new NetdevConfigurer(k);
        assertThat(net.setMtu("ens1f0", 9000).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(net.setMtu("ens1f0", 9000).outcome()).isEqualTo(Outcome.UNCHANGED);
        NetdevConfigurer.Result tooBig = net.setMtu("ens1f0", 10000);
        assertThat(tooBig.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(tooBig.errno()).isEqualTo(Errno.EINVAL);
        assertThat(tooBig.after()).isEqualTo(9000);
        assertThat(net.setMtu("nope0", 1500).errno()).isEqualTo(Errno.ENOENT);
    }
}
