package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.OvsBridge;
import io.dataplane.operator.api.v1alpha1.OvsUplink;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import io.dataplane.operator.host.DriverBinder;
import io.dataplane.operator.host.Outcome;
import io.dataplane.operator.host.SysfsPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which driver each device gets: VFs of vfio-pci groups, nested virtio devices and OVS-DPDK uplinks
 * go to vfio-pci (driver_override + unbind + drivers_probe); VFs of netdevice groups go back to
 * their default driver. Taking a device away from a driver that holds it (a kernel netdev, or a
 * DPDK application on vfio-pci) is disruptive; binding a device no driver holds is not.
 */
final class DriverStep {

    static final String VFIO = "vfio-pci";
    /** Drivers whose devices DPDK uses while they stay bound (bifurcated): never moved to vfio-pci. */
    static final Set<String> BIFURCATED = Set.of("mlx5_core");

    private DriverStep() {
    }

    /** Device → driver ({@link #VFIO}) or null for "its default driver". */
    static Map<String, String> desired(HostChange c, NfvNodeStateSpec spec) {
        Map<String, String> want = new LinkedHashMap<>();
        for (InterfaceConfig ic : spec.getInterfaces()) {
            if (c.pendingPfs.contains(ic.getPciAddress())) {
                continue;
            }
            for (VfGroupConfig g : ic.getVfGroups()) {
                if (g.getFirst() == null || g.getLast() == null) {
                    continue;
                }
                for (int i = g.getFirst(); i <= g.getLast(); i++) {
                    Optional<String> vf = c.fs.linkName(SysfsPaths.pciDevice(ic.getPciAddress(), "virtfn" + i));
                    vf.ifPresent(bdf -> want.put(bdf, g.getDeviceType() == DeviceType.VFIO_PCI ? VFIO : null));
                }
            }
        }
        for (NestedVirtioConfig n : spec.getNested()) {
            n.getPciAddresses().forEach(a -> want.put(a, VFIO));
        }
        if (spec.getOvsDpdk() != null) {
            for (OvsBridge b : spec.getOvsDpdk().getBridges()) {
                for (OvsUplink u : b.getUplinks()) {
                    String driver = new DriverBinder(c.fs).currentDriver(u.getPciAddress()).orElse(null);
                    if (driver == null || !BIFURCATED.contains(driver)) {
                        want.put(u.getPciAddress(), VFIO);
                    }
                }
            }
        }
        return want;
    }

    /** Binding comes before OVS adds ports on the devices; reverting after OVS removed them. */
    enum Phase {
        BIND,
        REVERT
    }

    static void run(HostChange c, NfvNodeStateSpec spec, Phase phase) {
        Map<String, String> want = desired(c, spec);
        DriverBinder binder = new DriverBinder(c.fs);
        if (phase == Phase.BIND) {
            Map<String, List<String>> bound = new TreeMap<>();
            want.forEach((bdf, driver) -> bind(c, binder, bdf, driver, bound));
            // One line per driver, not per device: 64 VFs make a status message nobody reads.
            bound.forEach((driver, devices) -> c.changed(devices.size() == 1 ? devices.get(0) + " bound to " + driver
                    : devices.size() + " devices bound to " + driver + " (" + devices.get(0) + " .. " + devices.get(devices.size() - 1) + ")"));
            return;
        }
        for (String bdf : new ArrayList<>(c.owned.drivers.keySet())) {
            if (!want.containsKey(bdf)) {
                revert(c, binder, bdf);
            }
        }
    }

    private static void bind(HostChange c, DriverBinder binder, String bdf, String driver, Map<String, List<String>> bound) {
        if (!c.fs.exists(SysfsPaths.pciDevice(bdf))) {
            c.problem(Reasons.DEVICE_NOT_FOUND, "no PCI device " + bdf + " to bind to " + (driver == null ? "its default driver" : driver));
            return;
        }
        String have = binder.currentDriver(bdf).orElse(null);
        String override = c.fs.readIfExists(SysfsPaths.pciDevice(bdf, "driver_override")).orElse("(null)");
        if (driver != null) {
            if (driver.equals(have) && driver.equals(override)) {
                return;
            }
            boolean inUse = have != null && !have.equals(driver);
            if (!c.proceed(inUse && !c.rebootReapply, "driver of " + bdf + " " + have + " -> " + driver)) {
                return;
            }
            OwnedState.remember(c.owned.drivers, bdf, have);
            c.save();
            report(c, binder.bind(bdf, driver), bdf, driver, bound);
        } else {
            if (override.equals("(null)") && have != null) {
                return; // on whatever the kernel picks by default
            }
            if (!c.proceed(have != null && !c.rebootReapply, "driver of " + bdf + " " + have + " -> default")) {
                return;
            }
            OwnedState.remember(c.owned.drivers, bdf, have);
            c.save();
            report(c, binder.unbindToDefault(bdf), bdf, null, bound);
        }
    }

    private static void revert(HostChange c, DriverBinder binder, String bdf) {
        if (!c.fs.exists(SysfsPaths.pciDevice(bdf))) {
            if (c.applying()) {
                c.owned.drivers.remove(bdf); // a VF destroyed with its PF's VFs: nothing left to restore
                c.save();
            }
            return;
        }
        String have = binder.currentDriver(bdf).orElse(null);
        String override = c.fs.readIfExists(SysfsPaths.pciDevice(bdf, "driver_override")).orElse("(null)");
        boolean done = override.equals("(null)") && have != null;
        if (!done) {
            if (!c.proceed(have != null, "driver of " + bdf + " " + have + " -> default (no longer wanted)")) {
                return;
            }
            DriverBinder.Result r = binder.unbindToDefault(bdf);
            report(c, r, bdf, null, null);
            if (r.outcome() == Outcome.FAILED) {
                return;
            }
        } else if (!c.applying()) {
            return;
        }
        c.owned.drivers.remove(bdf);
        c.save();
    }

    /** @param bound where to collect successful binds by driver, or null to report each one */
    private static void report(HostChange c, DriverBinder.Result r, String bdf, String driver, Map<String, List<String>> bound) {
        String target = driver == null ? "its default driver" : driver;
        switch (r.outcome()) {
            case APPLIED -> {
                String d = driver == null ? r.after() : driver;
                if (bound != null) {
                    bound.computeIfAbsent(d, k -> new ArrayList<>()).add(bdf);
                } else {
                    c.changed(bdf + " bound to " + d);
                }
            }
            case FAILED -> c.problem(Reasons.DRIVER_BIND_FAILED, "binding " + bdf + " to " + target + " failed"
                    + (r.errno() != null ? " (" + r.errno() + ")" : "") + ": " + r.message());
            default -> {
            }
        }
    }
}
