package io.dataplane.operator.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where benchmarks put simulated hosts' trees. sysfs is a RAM filesystem, so they go to tmpfs
 * ({@code /dev/shm}) when it has room: on this machine's ext4 each file operation (create, write,
 * symlink, unlink) cost the benchmark JVM 57 µs of CPU against 4 µs on tmpfs, and a node's rollout makes
 * thousands of them — the simulated kernel's cost, not the agent's, landing on the cores the operator
 * and API server share.
 */
public final class SimulatedHostDirs {
    /** A host took 1.6 MiB of tmpfs after the benchmark's rollout (1,000 hosts: 1.6 GiB); with room to spare. */
    public static final long BYTES_PER_HOST = 3L << 20;
    static final Path TMPFS = Path.of("/dev/shm");

    private SimulatedHostDirs() {
    }

    /** A new directory for {@code hosts} hosts: on tmpfs when it has room, else in the temporary directory. */
    public static Path create(int hosts, String prefix) throws IOException {
        if (Files.isDirectory(TMPFS) && Files.isWritable(TMPFS)
                && TMPFS.toFile().getUsableSpace() > (hosts + 1) * BYTES_PER_HOST) {
            return Files.createTempDirectory(TMPFS, prefix);
        }
        return Files.createTempDirectory(prefix);
    }

    /** "tmpfs (/dev/shm/…)" or the filesystem type and path, for the report. */
    public static String describe(Path dir) {
        try {
            return Files.getFileStore(dir).type() + " (" + dir + ")";
        } catch (IOException e) {
            return dir.toString();
        }
    }
}
