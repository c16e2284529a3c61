package io.dataplane.operator.host;

/**
 * Sets the number of VFs of a PF through {@code sriov_numvfs}. The kernel refuses to go from N to
 * M VFs (both non-zero) with EBUSY; the only way is through 0, which destroys every VF and
 * whatever used it, so that needs the caller's permission.
 */
public final class SriovConfigurer {

    /**
     * @param before VFs before the call
     * @param after VFs read back after the call
     * @param wentThroughZero 0 was written first (all VFs were destroyed)
     * @param errno the kernel's answer when it refused, else null
     */
    public record Result(String pf, Outcome outcome, int before, int requested, int after,
            boolean wentThroughZero, Errno errno, String message) {
    }

    private final HostFs fs;

    public SriovConfigurer(HostFs fs) {
        this.fs = fs;
    }

    public Result setNumVfs(String pf, int requested, boolean allowDisruptive) {
        String path = SysfsPaths.pciDevice(pf, "sriov_numvfs");
        int before;
        try {
            before = fs.readInt(path);
        } catch (HostReadException e) {
            return new Result(pf, Outcome.FAILED, 0, requested, 0, false, e.errno(),
                    "cannot read sriov_numvfs: " + e.getMessage());
        }
        if (before == requested) {
            return new Result(pf, Outcome.UNCHANGED, before, requested, before, false, null, "already " + before + " VFs");
        }
        boolean throughZero = before != 0 && requested != 0;
        if (throughZero && !allowDisruptive) {
            return new Result(pf, Outcome.NEEDS_DISRUPTION, before, requested, before, false, null,
                    "changing " + before + " to " + requested + " VFs needs going through 0, which destroys the VFs in use");
        }
        boolean wroteZero = false;
        try {
            if (throughZero) {
                fs.write(path, "0");
                wroteZero = true;
            }
            fs.write(path, Integer.toString(requested));
        } catch (HostWriteException e) {
            return new Result(pf, Outcome.FAILED, before, requested, readBack(path), wroteZero, e.errno(), e.getMessage());
        }
        int after = readBack(path);
        if (after == requested) {
            return new Result(pf, Outcome.APPLIED, before, requested, after, wroteZero, null, requested + " VFs");
        }
        // The kernel may enable fewer VFs than asked and still report success: only the read-back tells.
        Outcome o = after < requested && after > 0 ? Outcome.PARTIAL : Outcome.FAILED;
        return new Result(pf, o, before, requested, after, wroteZero, null,
                requested + " VFs requested; only " + after + " enabled");
    }

    private int readBack(String path) {
        try {
            return fs.readInt(path);
        } catch (HostReadException e) {
            return -1;
        }
    }
}
