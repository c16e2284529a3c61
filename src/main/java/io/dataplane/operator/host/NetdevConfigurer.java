package io.dataplane.operator.host;

/** Sets the MTU of a kernel netdev through {@code /sys/class/net/<if>/mtu} and reads it back. */
public final class NetdevConfigurer {

    public record Result(String ifname, Outcome outcome, int before, int requested, int after, Errno errno,
            String message) {
    }

    private final HostFs fs;

    public NetdevConfigurer(HostFs fs) {
        this.fs = fs;
    }

    public Result setMtu(String ifname, int mtu) {
        String path = SysfsPaths.netdev(ifname, "mtu");
        int before;
        try {
            before = fs.readInt(path);
        } catch (HostReadException e) {
            return new Result(ifname, Outcome.FAILED, 0, mtu, 0, e.errno(), "no such interface: " + e.getMessage());
        }
        if (before == mtu) {
            return new Result(ifname, Outcome.UNCHANGED, before, mtu, before, null, "already " + mtu);
        }
        try {
            fs.write(path, Integer.toString(mtu));
        } catch (HostWriteException e) {
            String why = e.errno() == Errno.EINVAL ? " (outside the device's 68..max MTU range)" : "";
            return new Result(ifname, Outcome.FAILED, before, mtu, fs.readInt(path), e.errno(), e.getMessage() + why);
        }
        int after = fs.readInt(path);
        return after == mtu
                ? new Result(ifname, Outcome.APPLIED, before, mtu, after, null, "mtu " + mtu)
                : new Result(ifname, Outcome.FAILED, before, mtu, after, null, "read back mtu " + after);
    }
}
