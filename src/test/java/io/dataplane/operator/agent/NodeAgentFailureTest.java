package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.agent.cluster.NodeControl;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.host.Errno;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way applying can fail: status says Failed, which reason, and a message a person can act on. */
class NodeAgentFailureTest {

    static final String PF0 = "0000:18:00.0";

    @TempDir
    Path root;

    record Case(String name, Supplier<FakeHostBuilder> host, Consumer<AgentHarness> setup, String spec, String reason,
            String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Supplier<FakeHostBuilder> e810() {
        return () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("more VFs than the PF supports", e810(), h -> {
                }, "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 200}]", "VfConfigFailed", "0 -> 200 failed (ERANGE)"),
                new Case("the driver enables fewer VFs", e810(), h -> h.host.limitVfs(PF0, 5),
                        "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 16}]", "VfConfigFailed", "16 requested, only 5 enabled"),
                new Case("sriov_numvfs write refused", e810(), h -> h.host.failNextWrite("/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs", Errno.EIO),
                        "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4}]", "VfConfigFailed", "(EIO)"),
                new Case("PF not on this host", e810(), h -> {
                }, "interfaces: [{pciAddress: \"0000:99:00.0\", numVfs: 4}]", "DeviceNotFound", "no PCI device 0000:99:00.0"),
                new Case("vfio-pci not loaded", () -> FakeHostBuilder.bareMetal().vfioLoaded(false).nic(HardwareProfile.INTEL_E810, 0),
                        h -> {
                        }, "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2, vfGroups: [{deviceType: vfio-pci, first: 0, last: 1}]}]",
                        "DriverBindFailed", "driver vfio-pci is not loaded"),
                new Case("no IOMMU for vfio-pci", () -> FakeHostBuilder.bareMetal().iommu(false).nic(HardwareProfile.INTEL_E810, 0),
                        h -> {
                        }, "interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2, vfGroups: [{deviceType: vfio-pci, first: 0, last: 1}]}]",
                        "DriverBindFailed", "no IOMMU group"),
                new Case("MTU refused", e810(), h -> h.host.failNextWrite("/sys/class/net/ens1f0/mtu", Errno.EINVAL),
                        "interfaces: [{pciAddress: \"0000:18:00.0\", mtu: 9000}]", "MtuConfigFailed", "MTU 9000 on ens1f0"),
                new Case("no-IOMMU mode without vfio", () -> FakeHostBuilder.virtualMachine().vfioLoaded(false).nic(HardwareProfile.VIRTIO_NET, 0),
                        h -> {
                        }, "nested: [{pciAddresses: [\"0000:00:03.0\"], driver: vfio-pci, noIommu: true}]", "NoIommuModeFailed",
                        "is the vfio module loaded?"),
                new Case("huge pages beyond the node's memory", e810(), h -> {
                }, "hugepages: {pages: [{size: 1Gi, count: 20, numaNode: 0}]}", "HugepagesPartiallyAllocated",
                        "1Gi on NUMA node 0: 20 requested, 16 allocated"),
                new Case("huge pages on a NUMA node the host lacks", e810(), h -> {
                }, "hugepages: {pages: [{size: 2Mi, count: 8, numaNode: 5}]}", "HugepagesFailed", "no 2Mi on NUMA node 5 huge page pool"),
                new Case("static CPU policy without reserved CPUs", e810(), h -> {
                }, "cpu: {managerPolicy: static}", "KubeletConfigInvalid", "static needs reserved CPUs"),
                new Case("kubelet does not start again", e810(), h -> h.commands.failNext("start kubelet"),
                        "cpu: {managerPolicy: static, reserved: \"0\"}", "KubeletRestartRequired", "the kubelet did not start again"),
                new Case("OVS asked for but unreachable", e810(), h -> {
                }, "ovsDpdk: {socketMemMiB: [1024], bridges: [{name: br-dpdk0}]}", "OvsUnreachable", "no OVSDB in this test"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failureIsReportedWithItsReason(Case c) {
        AgentHarness h = new AgentHarness(root, c.host());
        c.setup().accept(h);
        NfvNodeStateStatus s = h.spec(c.spec()).grant(true).reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.FAILED);
        assertThat(s.getLastAppliedGeneration()).as("not applied").isNotEqualTo(Long.valueOf(h.generation()));
        assertThat(h.condition(Conditions.DEGRADED).getStatus()).isEqualTo("True");
        assertThat(h.condition(Conditions.DEGRADED).getReason()).isEqualTo(c.reason());
        assertThat(h.condition(Conditions.READY).getStatus()).isEqualTo("False");
        assertThat(s.getMessage()).startsWith(c.reason() + ": ").contains(c.message());
    }

    @Test
    void aRestartThatFailedIsRetriedAndReportedUntilItSucceeds() {
        AgentHarness h = new AgentHarness(root, e810());
        h.commands.failNext("start kubelet");
        NfvNodeStateStatus s = h.spec("cpu: {managerPolicy: static, reserved: \"0\"}").grant(true).reconcile();
        assertThat(s.getRestartsRequired()).containsExactly("kubelet");
        s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(s.getRestartsRequired()).isEmpty();
        assertThat(h.commands.calls()).containsExactly("stop kubelet", "start kubelet (failed)", "restart kubelet");
    }

    @Test
    void aBlockedDrainFailsUncordonsAndChangesNothingDisruptive() {
        AgentHarness h = new AgentHarness(root, e810());
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2}]").reconcile();
        h.node.drains.add(new NodeControl.DrainResult(false, "drain timed out after 600s; still on the node: [shop/db-0]"));
        NfvNodeStateStatus s = h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4}]").grant(true).reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(h.condition(Conditions.DEGRADED).getReason()).isEqualTo("DrainFailed");
        assertThat(s.getMessage()).contains("shop/db-0");
        assertThat(s.getDisruptionRequired()).as("the change still waits").isTrue();
        assertThat(s.getCordoned()).isFalse();
        assertThat(h.node.calls).containsExactly("cordon", "drain", "uncordon");
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("2");

        s = h.reconcile(); // retried: the drain goes through this time
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.pf(PF0, "sriov_numvfs")).isEqualTo("4");
    }

    @Test
    void aFailureAfterTheDrainKeepsTheNodeCordonedAndSaysSo() {
        AgentHarness h = new AgentHarness(root, e810());
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2}]").reconcile();
        h.host.failNextWrite("/sys/bus/pci/devices/" + PF0 + "/sriov_numvfs", Errno.EIO);
        NfvNodeStateStatus s = h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4}]").grant(true).reconcile();
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(s.getCordoned()).isTrue();
        assertThat(h.node.unschedulable).isTrue();
        assertThat(h.condition("Cordoned").getStatus()).isEqualTo("True");
        assertThat(h.condition("Cordoned").getReason()).isEqualTo("VfConfigFailed");
        assertThat(s.getMessage()).contains("The node stays cordoned until the change succeeds.");

        s = h.reconcile(); // the fault was one-off: the retry succeeds and gives the node back
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.node.unschedulable).isFalse();
        assertThat(h.condition("Cordoned").getStatus()).isEqualTo("False");
    }

    @Test
    void anErrorAfterACordonNoStatusAnnouncedStillReportsTheCordon() {
        AgentHarness h = new AgentHarness(root, e810());
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 2}]").reconcile();
        h.node.pods.clear(); // nothing to evict: no draining status before the change
        h.spec("interfaces: [{pciAddress: \"0000:18:00.0\", numVfs: 4}]").grant(true);
        h.wrap = fs -> new CrashAfterZero(fs, path -> {
            throw new IllegalStateException("unexpected after writing 0 to " + path);
        });
        h.restartAgent();
        RuntimeException e = org.assertj.core.api.Assertions.catchThrowableOfType(h::reconcileOnce, IllegalStateException.class);
        assertThat(h.node.calls).containsExactly("cordon");
        assertThat(h.status().getCordoned()).as("the last status written").isFalse();
        NfvNodeStateStatus s = h.agent.failed(h.state, e);
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(s.getCordoned()).as("the host file knows of the cordon").isTrue();
        h.state.setStatus(s);
        assertThat(h.condition("Cordoned").getStatus()).isEqualTo("True");

        h.wrap = fs -> fs;
        h.restartAgent();
        s = h.reconcile();
        assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(h.node.calls).as("the restarted agent finds 0 VFs (0 -> 4 needs no drain) and uncordons")
                .containsExactly("cordon", "uncordon");
        assertThat(s.getCordoned()).isFalse();
    }

    @Test
    void anUnexpectedErrorBecomesAFailedStatusKeepingTheInventory() {
        AgentHarness h = new AgentHarness(root, e810());
        NfvNodeStateStatus ok = h.reconcile();
        h.host.writeFile("/var/lib/dataplane-agent/owned.json", "{not json");
        h.restartAgent();
        NfvNodeStateStatus s = h.agent.failed(h.state, org.assertj.core.api.Assertions.catchThrowableOfType(
                h::reconcile, IllegalStateException.class));
        assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(Conditions.reason(s.getConditions(), Conditions.DEGRADED)).isEqualTo("AgentError");
        assertThat(s.getMessage()).contains("unreadable agent state file");
        assertThat(s.getInventory().getNics()).hasSameSizeAs(ok.getInventory().getNics());
    }
}
