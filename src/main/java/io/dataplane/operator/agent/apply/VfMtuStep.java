package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import io.dataplane.operator.host.HostInventoryReader;
import io.dataplane.operator.host.NetdevConfigurer;
import io.dataplane.operator.host.Outcome;
import io.dataplane.operator.host.SysfsPaths;
import java.util.List;
import java.util.Optional;

/**
 * MTU of kernel VFs, per group (the policy merge caps it at the PF's). vfio-pci VFs have no netdev;
 * the VFs themselves are the agent's, so no value before is kept.
 */
final class VfMtuStep {

    private VfMtuStep() {
    }

    static void run(HostChange c, List<InterfaceConfig> interfaces) {
        if (!c.applying()) {
            return;
        }
        HostInventoryReader reader = new HostInventoryReader(c.fs);
        NetdevConfigurer netdev = new NetdevConfigurer(c.fs);
        for (InterfaceConfig ic : interfaces) {
            if (c.pendingPfs.contains(ic.getPciAddress())) {
                continue;
            }
            for (VfGroupConfig g : ic.getVfGroups()) {
                if (g.getMtu() == null || g.getDeviceType() == DeviceType.VFIO_PCI || g.getFirst() == null || g.getLast() == null) {
                    continue;
                }
                for (int i = g.getFirst(); i <= g.getLast(); i++) {
                    Optional<String> ifname = c.fs.linkName(SysfsPaths.pciDevice(ic.getPciAddress(), "virtfn" + i))
                            .flatMap(reader::netdevOf);
                    if (ifname.isEmpty()) {
                        continue;
                    }
                    NetdevConfigurer.Result r = netdev.setMtu(ifname.get(), g.getMtu());
                    if (r.outcome() == Outcome.FAILED) {
                        c.problem(Reasons.MTU_CONFIG_FAILED, "MTU " + g.getMtu() + " on VF " + ifname.get() + ": " + r.message());
                    } else if (r.outcome() == Outcome.APPLIED) {
                        c.changed("MTU of " + ifname.get() + " -> " + g.getMtu());
                    }
                }
            }
        }
    }
}
