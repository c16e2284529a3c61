package io.dataplane.operator.host;

import java.util.Optional;

/**
 * Binds a PCI device to a driver the way the kernel documents it: write the driver's name to
 * {@code driver_override}, unbind from the current driver, then ask {@code drivers_probe} to bind
 * it. The override also keeps the device on that driver across a later probe. Reads the
 * {@code driver} link back: a probe that fails (no IOMMU group for vfio-pci) leaves the device
 * without a driver and the write still succeeds.
 */
public final class DriverBinder {

    /** @param before the driver before, null for none; @param after the driver read back, null for none */
    public record Result(String pciAddress, Outcome outcome, String before, String requested, String after,
            Errno errno, String message) {
    }

    private final HostFs fs;

    public DriverBinder(HostFs fs) {
        this.fs = fs;
    }

    /** The bound driver, if any. */
    public Optional<String> currentDriver(String bdf) {
        return fs.linkName(SysfsPaths.pciDevice(bdf, "driver"));
    }

    /** Binds the device to {@code driver} (e.g. vfio-pci) and pins it there with driver_override. */
    public Result bind(String bdf, String driver) {
        String before = currentDriver(bdf).orElse(null);
        String override = fs.readIfExists(SysfsPaths.pciDevice(bdf, "driver_override")).orElse("(null)");
        if (driver.equals(before) && driver.equals(override)) {
            return new Result(bdf, Outcome.UNCHANGED, before, driver, before, null, "already bound to " + driver);
        }
        // Check before unbinding: with no such driver loaded the device would be left with none.
        if (!fs.exists(SysfsPaths.pciDriver(driver))) {
            return new Result(bdf, Outcome.FAILED, before, driver, before, Errno.ENODEV,
                    "driver " + driver + " is not loaded (no " + SysfsPaths.pciDriver(driver) + ")");
        }
        try {
            fs.write(SysfsPaths.pciDevice(bdf, "driver_override"), driver);
            if (before != null && !before.equals(driver)) {
                fs.write(SysfsPaths.pciDevice(bdf, "driver", "unbind"), bdf);
            }
            if (!driver.equals(before)) {
                fs.write(SysfsPaths.PCI_DRIVERS_PROBE, bdf);
            }
        } catch (HostWriteException e) {
            return new Result(bdf, Outcome.FAILED, before, driver, currentDriver(bdf).orElse(null), e.errno(), e.getMessage());
        }
        return readBack(bdf, before, driver);
    }

    /**
     * Clears driver_override and lets the kernel pick the device's default driver (iavf for an
     * Intel VF, for example). Returns the driver it got as {@code after}.
     */
    public Result unbindToDefault(String bdf) {
        String before = currentDriver(bdf).orElse(null);
        String override = fs.readIfExists(SysfsPaths.pciDevice(bdf, "driver_override")).orElse("(null)");
        if (override.equals("(null)") && before != null) {
            return new Result(bdf, Outcome.UNCHANGED, before, null, before, null, "no override; bound to " + before);
        }
        try {
            // A lone newline clears the override; an empty write never reaches the kernel.
            fs.write(SysfsPaths.pciDevice(bdf, "driver_override"), "\n");
            if (before != null) {
                fs.write(SysfsPaths.pciDevice(bdf, "driver", "unbind"), bdf);
            }
            fs.write(SysfsPaths.PCI_DRIVERS_PROBE, bdf);
        } catch (HostWriteException e) {
            return new Result(bdf, Outcome.FAILED, before, null, currentDriver(bdf).orElse(null), e.errno(), e.getMessage());
        }
        String after = currentDriver(bdf).orElse(null);
        return after != null
                ? new Result(bdf, Outcome.APPLIED, before, null, after, null, "bound to default driver " + after)
                : new Result(bdf, Outcome.FAILED, before, null, null, null, "no driver claimed the device after probe");
    }

    private Result readBack(String bdf, String before, String driver) {
        String after = currentDriver(bdf).orElse(null);
        if (driver.equals(after)) {
            return new Result(bdf, Outcome.APPLIED, before, driver, after, null, "bound to " + driver);
        }
        return new Result(bdf, Outcome.FAILED, before, driver, after, null,
                "probe did not bind " + driver + "; device has " + (after == null ? "no driver" : after)
                        + (driver.equals("vfio-pci") ? " (no IOMMU group? enable the IOMMU or vfio no-IOMMU mode)" : ""));
    }
}
