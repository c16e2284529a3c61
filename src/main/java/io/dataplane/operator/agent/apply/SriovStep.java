package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.host.HostInventoryReader;
import io.dataplane.operator.host.HostReadException;
import io.dataplane.operator.host.HostWriteException;
import io.dataplane.operator.host.NetdevConfigurer;
import io.dataplane.operator.host.Outcome;
import io.dataplane.operator.host.SriovConfigurer;
import io.dataplane.operator.host.SysfsPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PFs: MTU of the PF netdev, then {@code sriov_drivers_autoprobe} and {@code sriov_numvfs}. A VF
 * count change from N to M (both non-zero) goes through 0, destroying every VF: that is disruptive
 * and waits for a grant. PFs the agent configured and the spec no longer names go back to what they
 * had.
 */
final class SriovStep {

    private SriovStep() {
    }

    static void run(HostChange c, List<InterfaceConfig> interfaces) {
        Set<String> wanted = new HashSet<>();
        for (InterfaceConfig ic : interfaces) {
            wanted.add(ic.getPciAddress());
            configure(c, ic);
        }
        for (String pf : new ArrayList<>(c.owned.numVfs.keySet())) {
            if (!wanted.contains(pf)) {
                revertVfs(c, pf);
            }
        }
        for (String pf : new ArrayList<>(c.owned.pfMtu.keySet())) {
            InterfaceConfig ic = interfaces.stream().filter(i -> i.getPciAddress().equals(pf)).findFirst().orElse(null);
            if (ic == null || ic.getMtu() == null) {
                revertMtu(c, pf);
            }
        }
    }

    private static void configure(HostChange c, InterfaceConfig ic) {
        String pf = ic.getPciAddress();
        if (!c.fs.exists(SysfsPaths.pciDevice(pf))) {
            c.pendingPfs.add(pf);
            c.problem(Reasons.DEVICE_NOT_FOUND, "no PCI device " + pf + " on this host");
            return;
        }
        if (ic.getMtu() != null) {
            setPfMtu(c, pf, ic.getMtu());
        }
        int want = ic.getNumVfs() == null ? 0 : ic.getNumVfs();
        if (want > 0 && !c.fs.exists(SysfsPaths.pciDevice(pf, "sriov_numvfs"))) {
            c.pendingPfs.add(pf);
            c.problem(Reasons.VF_CONFIG_FAILED, pf + " cannot create VFs (no sriov_numvfs: not SR-IOV capable)");
            return;
        }
        Integer have = readNumVfs(c, pf);
        if (have == null || have == want) {
            return;
        }
        String change = "VFs of " + pf + " " + have + " -> " + want;
        if (!c.proceed(have > 0, change + " (goes through 0: every VF is destroyed)")) {
            c.pendingPfs.add(pf);
            return;
        }
        OwnedState.remember(c.owned.numVfs, pf, have);
        // VFs for vfio-pci must not get a kernel driver first: probe none, bind each one below.
        String autoprobe = ic.getVfGroups().stream().anyMatch(g -> g.getDeviceType() == DeviceType.VFIO_PCI) ? "0" : "1";
        setAutoprobe(c, pf, autoprobe);
        c.save();
        SriovConfigurer.Result r = new SriovConfigurer(c.fs).setNumVfs(pf, want, true);
        report(c, r, change);
    }

    private static void revertVfs(HostChange c, String pf) {
        if (!c.fs.exists(SysfsPaths.pciDevice(pf, "sriov_numvfs"))) {
            dropVfOwnership(c, pf); // the device is gone (hot-unplugged, or a different host image)
            return;
        }
        int original = c.owned.numVfs.get(pf) == null ? 0 : c.owned.numVfs.get(pf);
        Integer have = readNumVfs(c, pf);
        if (have == null) {
            return;
        }
        if (have != original) {
            String change = "VFs of " + pf + " " + have + " -> " + original + " (no longer wanted)";
            if (!c.proceed(have > 0, change)) {
                c.pendingPfs.add(pf);
                return;
            }
            SriovConfigurer.Result r = new SriovConfigurer(c.fs).setNumVfs(pf, original, true);
            report(c, r, change);
            if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.PARTIAL) {
                return;
            }
        } else if (!c.applying()) {
            return;
        }
        String autoprobe = c.owned.autoprobe.get(pf);
        if (autoprobe != null) {
            setAutoprobe(c, pf, autoprobe);
        }
        dropVfOwnership(c, pf);
    }

    private static void dropVfOwnership(HostChange c, String pf) {
        if (!c.applying()) {
            return;
        }
        c.owned.numVfs.remove(pf);
        c.owned.autoprobe.remove(pf);
        c.save();
    }

    private static void setAutoprobe(HostChange c, String pf, String value) {
        String path = SysfsPaths.pciDevice(pf, "sriov_drivers_autoprobe");
        Optional<String> have = c.fs.readIfExists(path);
        if (have.isEmpty() || have.get().equals(value)) {
            return;
        }
        OwnedState.remember(c.owned.autoprobe, pf, have.get());
        c.save();
        try {
            c.fs.write(path, value);
        } catch (HostWriteException e) {
            c.problem(Reasons.VF_CONFIG_FAILED, "cannot set sriov_drivers_autoprobe of " + pf + ": " + e.getMessage());
        }
    }

    private static void setPfMtu(HostChange c, String pf, int mtu) {
        Optional<String> ifname = new HostInventoryReader(c.fs).netdevOf(pf);
        if (ifname.isEmpty()) {
            return; // no kernel netdev (bound to vfio-pci, or an accelerator): nothing carries an MTU
        }
        Optional<Integer> have = c.fs.readIfExists(SysfsPaths.netdev(ifname.get(), "mtu")).map(Integer::parseInt);
        if (have.isEmpty() || have.get() == mtu || !c.proceed(false, "")) {
            return;
        }
        OwnedState.remember(c.owned.pfMtu, pf, have.get());
        c.save();
        NetdevConfigurer.Result r = new NetdevConfigurer(c.fs).setMtu(ifname.get(), mtu);
        if (r.outcome() == Outcome.FAILED) {
            c.problem(Reasons.MTU_CONFIG_FAILED, "MTU " + mtu + " on " + ifname.get() + " (" + pf + "): " + r.message());
        } else {
            c.changed("MTU of " + ifname.get() + " " + have.get() + " -> " + mtu);
        }
    }

    private static void revertMtu(HostChange c, String pf) {
        Integer original = c.owned.pfMtu.get(pf);
        Optional<String> ifname = new HostInventoryReader(c.fs).netdevOf(pf);
        if (!c.applying()) {
            return;
        }
        if (original != null && ifname.isPresent()) {
            int have = c.fs.readInt(SysfsPaths.netdev(ifname.get(), "mtu"));
            if (have != original) {
                NetdevConfigurer.Result r = new NetdevConfigurer(c.fs).setMtu(ifname.get(), original);
                if (r.outcome() == Outcome.FAILED) {
                    c.problem(Reasons.MTU_CONFIG_FAILED, "restoring MTU " + original + " on " + ifname.get() + ": " + r.message());
                    return;
                }
                c.changed("MTU of " + ifname.get() + " restored to " + original);
            }
        }
        c.owned.pfMtu.remove(pf);
        c.save();
    }

    private static Integer readNumVfs(HostChange c, String pf) {
        try {
            return c.fs.readInt(SysfsPaths.pciDevice(pf, "sriov_numvfs"));
        } catch (HostReadException e) {
            c.pendingPfs.add(pf);
            c.problem(Reasons.VF_CONFIG_FAILED, "cannot read sriov_numvfs of " + pf + ": " + e.getMessage());
            return null;
        }
    }

    private static void report(HostChange c, SriovConfigurer.Result r, String change) {
        switch (r.outcome()) {
            case APPLIED -> c.changed(change + (r.wentThroughZero() ? " (through 0)" : ""));
            case PARTIAL -> c.problem(Reasons.VF_CONFIG_FAILED, "VFs of " + r.pf() + ": " + r.requested() + " requested, only "
                    + r.after() + " enabled by the driver");
            case FAILED -> c.problem(Reasons.VF_CONFIG_FAILED, "VFs of " + r.pf() + " " + r.before() + " -> " + r.requested()
                    + " failed" + (r.errno() != null ? " (" + r.errno() + ")" : "") + ": " + r.message()
                    + (r.wentThroughZero() ? "; the PF now has " + r.after() + " VFs" : ""));
            default -> {
            }
        }
    }
}
