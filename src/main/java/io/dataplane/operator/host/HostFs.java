package io.dataplane.operator.host;

import java.util.List;
import java.util.Optional;

/**
 * Every access of the agent to the host, by absolute host path ({@code /sys/bus/pci/...}).
 *
 * <p>Production uses {@link RootedHostFs} over the host root mounted in the pod ({@code /host});
 * tests and simulated nodes use {@code host.sim.SimulatedKernelHostFs}, which answers writes the
 * way the kernel does (EBUSY, ERANGE, partial allocations). Code that touches a host takes a
 * {@code HostFs} and nothing else, so the same code runs against both.
 */
public interface HostFs {

    /**
     * Reads a file and strips surrounding whitespace (sysfs values end with a newline).
     *
     * @throws HostReadException ENOENT when absent, or what the kernel answers (EINVAL for the
     *     {@code speed} of a link that is down)
     */
    String read(String path);

    /** Reads a decimal integer attribute. */
    default int readInt(String path) {
        String text = read(path);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new HostReadException(path, Errno.EINVAL, "not an integer: '" + text + "'", e);
        }
    }

    /** Reads a file, or empty when it does not exist. Other errors still throw. */
    default Optional<String> readIfExists(String path) {
        try {
            return Optional.of(read(path));
        } catch (HostReadException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes a value to an existing file in one write(2), as {@code echo -n value > path} does.
     * Never creates the file: sysfs cannot, and a missing attribute must surface as ENOENT.
     *
     * @throws HostWriteException with the errno the kernel answered
     */
    void write(String path, String value);

    /**
     * Creates or replaces a regular file (parents included) atomically, for the agent's own files
     * on the host such as a kubelet drop-in. Not for sysfs.
     */
    void writeFile(String path, String content);

    /** Deletes a regular file; false when it did not exist. */
    boolean delete(String path);

    /** Names in a directory, sorted; empty when the directory does not exist. */
    List<String> list(String dir);

    /** The raw target of a symbolic link; empty when the path is not a link or does not exist. */
    Optional<String> readLink(String path);

    /**
     * The last element of a link's target: the driver name for {@code .../driver}, the VF address
     * for {@code virtfnN}, the PF address for {@code physfn}.
     */
    default Optional<String> linkName(String path) {
        return readLink(path).map(t -> {
            String trimmed = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        });
    }

    /** True when the path exists (links followed). */
    boolean exists(String path);
}
