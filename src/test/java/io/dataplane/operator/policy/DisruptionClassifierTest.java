package io.dataplane.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.api.v1alpha1.CpuManagerPolicy;
import io.dataplane.operator.api.v1alpha1.DeviceClass;
import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.HugepageAllocation;
import io.dataplane.operator.api.v1alpha1.HugepageSize;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import io.dataplane.operator.api.v1alpha1.NodeHugepagesConfig;
import io.dataplane.operator.api.v1alpha1.NodeOvsDpdkConfig;
import io.dataplane.operator.api.v1alpha1.OvsBridge;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What needs a disruption grant, as a table of before → after changes. */
class DisruptionClassifierTest {

    static Stream<Arguments> changes() {
        return Stream.of(
                row("nothing changes", s -> { }, s -> { }, List.of()),
                row("a PF gets its first VFs", s -> { }, s -> s.getInterfaces().add(pf(8, group(0, 7, DeviceType.NETDEVICE, "a"))),
                        List.of()),
                row("VF count of a PF with VFs", s -> s.getInterfaces().add(pf(4, group(0, 3, DeviceType.NETDEVICE, "a"))),
                        s -> s.getInterfaces().add(pf(8, group(0, 7, DeviceType.NETDEVICE, "a"))),
                        List.of("numVfs of 0000:86:00.0 4 -> 8")),
                row("a PF whose VFs go away", s -> s.getInterfaces().add(pf(4, group(0, 3, DeviceType.NETDEVICE, "a"))),
                        s -> { }, List.of("numVfs of 0000:86:00.0 4 -> 0")),
                row("VFs move to another pool with the same driver",
                        s -> s.getInterfaces().add(pf(8, group(0, 7, DeviceType.NETDEVICE, "a"))),
                        s -> s.getInterfaces().add(pf(8, group(0, 3, DeviceType.NETDEVICE, "a"), group(4, 7, DeviceType.NETDEVICE, "b"))),
                        List.of()),
                row("a VF driver changes", s -> s.getInterfaces().add(pf(2, group(0, 1, DeviceType.NETDEVICE, "a"))),
                        s -> s.getInterfaces().add(pf(2, group(0, 0, DeviceType.NETDEVICE, "a"), group(1, 1, DeviceType.VFIO_PCI, "b"))),
                        List.of("driver of VF 1 of 0000:86:00.0 netdevice -> vfio-pci")),
                row("MTU changes live", s -> s.getInterfaces().add(pf(2, group(0, 1, DeviceType.NETDEVICE, "a"))),
                        s -> {
                            s.getInterfaces().add(pf(2, group(0, 1, DeviceType.NETDEVICE, "a")));
                            s.getInterfaces().get(0).setMtu(9000);
                        }, List.of()),
                row("huge pages appear", s -> { }, s -> s.setHugepages(hugepages("a", 4)), List.of("huge pages")),
                row("huge pages from another policy, same pages", s -> s.setHugepages(hugepages("a", 4)),
                        s -> s.setHugepages(hugepages("b", 4)), List.of()),
                row("kubelet CPU manager policy", s -> { }, s -> s.setCpu(cpu(CpuManagerPolicy.STATIC, "0-1", null)),
                        List.of("kubelet CPU/topology settings")),
                row("isolated CPUs only", s -> s.setCpu(cpu(CpuManagerPolicy.STATIC, "0-1", "2-7")),
                        s -> s.setCpu(cpu(CpuManagerPolicy.STATIC, "0-1", "2-15")), List.of()),
                row("OVS-DPDK socket memory", s -> s.setOvsDpdk(ovs(List.of(1024), "2-3", null)),
                        s -> s.setOvsDpdk(ovs(List.of(2048), "2-3", null)), List.of("OVS-DPDK socket memory")),
                row("pmd-cpu-mask and a new bridge apply live", s -> s.setOvsDpdk(ovs(List.of(1024), "2-3", null)),
                        s -> s.setOvsDpdk(ovs(List.of(1024), "2-5", "br-dpdk1")), List.of()),
                row("a nested virtio device gets bound", s -> { }, s -> s.getNested().add(nested("0000:00:05.0")),
                        List.of("driver of 0000:00:05.0")),
                row("policy names and the grant itself", s -> s.setPolicies(List.of("a")), s -> {
                    s.setPolicies(List.of("a", "b"));
                    s.setDisruptionAllowed(true);
                }, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void classifies(String name, NfvNodeStateSpec before, NfvNodeStateSpec after, List<String> expected) {
        assertThat(DisruptionClassifier.disruptiveChanges(before, after)).isEqualTo(expected);
        assertThat(DisruptionClassifier.isDisruptive(before, after)).isEqualTo(!expected.isEmpty());
    }

    private static Arguments row(String name, Consumer<NfvNodeStateSpec> before, Consumer<NfvNodeStateSpec> after,
            List<String> expected) {
        NfvNodeStateSpec b = new NfvNodeStateSpec();
        before.accept(b);
        NfvNodeStateSpec a = new NfvNodeStateSpec();
        after.accept(a);
        return Arguments.of(name, b, a, expected);
    }

    private static InterfaceConfig pf(int numVfs, VfGroupConfig... groups) {
        InterfaceConfig pf = new InterfaceConfig();
        pf.setPciAddress("0000:86:00.0");
        pf.setName("ens1f0");
        pf.setNumVfs(numVfs);
        pf.setVfGroups(new java.util.ArrayList<>(List.of(groups)));
        return pf;
    }

    private static VfGroupConfig group(int first, int last, DeviceType type, String pool) {
        VfGroupConfig g = new VfGroupConfig();
        g.setFirst(first);
        g.setLast(last);
        g.setDeviceType(type);
        g.setDeviceClass(DeviceClass.NETWORK);
        g.setPool(pool);
        g.setResourceName(pool);
        return g;
    }

    private static NodeHugepagesConfig hugepages(String policy, int count) {
        NodeHugepagesConfig h = new NodeHugepagesConfig();
        h.setPolicy(policy);
        HugepageAllocation a = new HugepageAllocation();
        a.setSize(HugepageSize.SIZE_1GI);
        a.setCount(count);
        h.setPages(List.of(a));
        return h;
    }

    private static NodeCpuConfig cpu(CpuManagerPolicy policy, String reserved, String isolated) {
        NodeCpuConfig c = new NodeCpuConfig();
        c.setManagerPolicy(policy);
        c.setReserved(reserved);
        c.setIsolated(isolated);
        return c;
    }

    private static NodeOvsDpdkConfig ovs(List<Integer> socketMem, String pmd, String bridge) {
        NodeOvsDpdkConfig o = new NodeOvsDpdkConfig();
        o.setSocketMemMiB(socketMem);
        o.setPmdCpus(pmd);
        if (bridge != null) {
            OvsBridge b = new OvsBridge();
            b.setName(bridge);
            o.setBridges(List.of(b));
        }
        return o;
    }

    private static NestedVirtioConfig nested(String address) {
        NestedVirtioConfig n = new NestedVirtioConfig();
        n.setPciAddresses(List.of(address));
        n.setResourceName("virtio");
        return n;
    }
}
