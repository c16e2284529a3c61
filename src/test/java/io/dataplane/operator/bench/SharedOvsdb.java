package io.dataplane.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real {@code ovsdb-server} (Debian's openvswitch-switch) that every simulated node of the
 * benchmark talks to. A thousand servers would not fit the machine; a simulated node without any
 * OVSDB reports {@code OvsUnreachable} and never gets in sync with the OVS-DPDK policy. All nodes
 * apply the same OVS settings, so the first one writes them and the others find them in place — the
 * per-node OVSDB round trips are real, the per-node database contents are shared.
 */
final class SharedOvsdb implements AutoCloseable {
    static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    private final Path dir;

    private SharedOvsdb(Path dir) {
        this.dir = dir;
    }

    static SharedOvsdb start() {
        if (!Files.exists(SCHEMA)) {
            throw new IllegalStateException("missing " + SCHEMA + ": install openvswitch-switch (scripts/deps.sh)");
        }
        try {
            // Short path: unix socket paths are limited to 108 bytes.
            SharedOvsdb s = new SharedOvsdb(Files.createTempDirectory(Path.of("/tmp"), "bench-ovsdb"));
            s.run("ovsdb-tool", "create", s.dir.resolve("conf.db").toString(), SCHEMA.toString());
            s.run("ovsdb-server", s.dir.resolve("conf.db").toString(), "--remote=punix:" + s.socket(),
                    "--unixctl=" + s.dir.resolve("ovsdb.ctl"), "--pidfile=" + s.dir.resolve("ovsdb.pid"),
                    "--log-file=" + s.dir.resolve("ovsdb-server.log"), "--detach");
            // A fresh database has no Open_vSwitch root row; init inserts it.
            s.run("ovs-vsctl", "--db=unix:" + s.socket(), "--no-wait", "--timeout=10", "init");
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path socket() {
        return dir.resolve("db.sock");
    }

    private void run(String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("cmd.log").toFile());
            pb.environment().put("OVS_RUNDIR", dir.toString());
            pb.environment().put("OVS_LOGDIR", dir.toString());
            pb.environment().put("OVS_DBDIR", dir.toString());
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("cmd.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        long pid = ProcessStats.pidFromFile(dir.resolve("ovsdb.pid"));
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> {
                    h.destroyForcibly();
                    return h;
                }).join();
            });
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
