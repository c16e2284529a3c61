package io.dataplane.operator.agent;

import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.dataplane.operator.host.sim.SimulatedKernelHostFs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Named host layouts for simulated nodes (the {@code dataplane.agent.simulate.host} setting). */
public final class SimulatedHosts {

    /** Builds one node's simulated host in a directory. */
    @FunctionalInterface
    public interface Factory {
        SimulatedKernelHostFs build(String node, Path root);
    }

    private SimulatedHosts() {
    }

    /** A two-socket server with the given NICs, card i on NUMA node i % 2. */
    public static Factory bareMetal(HardwareProfile... nics) {
        List<HardwareProfile> cards = List.of(nics);
        return (node, root) -> {
            FakeHostBuilder b = FakeHostBuilder.bareMetal();
            for (int i = 0; i < cards.size(); i++) {
                b.nic(cards.get(i), i % 2);
            }
            return b.build(root);
        };
    }

    /** A VM without vIOMMU and two virtio-net devices (DPDK in the VM needs no-IOMMU mode). */
    public static Factory virtualMachine() {
        return (node, root) -> FakeHostBuilder.virtualMachine().nic(HardwareProfile.VIRTIO_NET, 0)
                .nic(HardwareProfile.VIRTIO_NET, 0).build(root);
    }

    /** "bare-metal": E810 (node 0), ConnectX-5 (node 1), QAT 4xxx (node 0); "vm": two virtio-net. */
    public static Factory named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bare-metal" -> bareMetal(HardwareProfile.INTEL_E810, HardwareProfile.MELLANOX_CX5, HardwareProfile.INTEL_QAT_4XXX);
            case "vm" -> virtualMachine();
            default -> throw new IllegalArgumentException("unknown simulated host '" + name + "' (bare-metal, vm)");
        };
    }
}
