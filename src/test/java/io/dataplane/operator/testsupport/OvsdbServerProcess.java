package io.dataplane.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ovsdb-server on a fresh Open_vSwitch database in a temporary directory, plus ovs-vsctl
 * as an independent oracle. Needs Debian's openvswitch-switch; without it the test fails (never
 * skips) and says how to install it. Shared by the OVSDB client's, the agent's and the benchmark's tests.
 */
public final class OvsdbServerProcess implements AutoCloseable {

    public static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    public final Path dir;
    public final Path socket;

    private OvsdbServerProcess(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("db.sock");
    }

    public static OvsdbServerProcess start() throws Exception {
        for (String tool : List.of("ovsdb-tool", "ovsdb-server", "ovs-vsctl")) {
            if (which(tool) == null) {
                throw new AssertionError(tool + " not found: install Debian's openvswitch-switch "
                        + "(apt-get install -y --no-install-recommends openvswitch-switch; scripts/deps.sh does it)");
            }
        }
        if (!Files.exists(SCHEMA)) {
            throw new AssertionError("missing " + SCHEMA + ": install openvswitch-switch");
        }
        // Short path: unix socket paths are limited to 108 bytes.
        OvsdbServerProcess s = new OvsdbServerProcess(Files.createTempDirectory(Path.of("/tmp"), "ovsdb"));
        s.run("ovsdb-tool", "create", s.dir.resolve("conf.db").toString(), SCHEMA.toString());
        s.run("ovsdb-server", s.dir.resolve("conf.db").toString(), "--remote=punix:" + s.socket,
                "--unixctl=" + s.dir.resolve("ovsdb.ctl"), "--pidfile=" + s.dir.resolve("ovsdb.pid"),
                "--log-file=" + s.dir.resolve("ovsdb-server.log"), "--detach");
        // A fresh database has no Open_vSwitch root row; init inserts it.
        s.vsctl("init");
        return s;
    }

    /** Runs ovs-vsctl against this server (never waiting for ovs-vswitchd), asserting success. */
    public String vsctl(String... args) throws Exception {
        Result r = vsctlResult(args);
        assertThat(r.exit).as("ovs-vsctl %s: %s", String.join(" ", args), r.stderr).isZero();
        return r.stdout.strip();
    }

    public record Result(int exit, String stdout, String stderr) {
    }

    public Result vsctlResult(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket, "--no-wait", "--timeout=10"));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** ovs-vsctl's exit code, for "does it exist" questions. */
    public int vsctlExit(String... args) throws Exception {
        return vsctlResult(args).exit();
    }

    private void run(String... cmd) throws Exception {
        Result r = exec(List.of(cmd));
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + r.exit + "): " + r.stderr);
        }
    }

    private Result exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        Path out = dir.resolve("cmd.out");
        Path err = dir.resolve("cmd.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        Path pidFile = dir.resolve("ovsdb.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
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
        }
    }

    private static Path which(String tool) {
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
