package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ovsdb-server on a fresh Open_vSwitch database in a short temp path (unix socket paths
 * are limited to 108 bytes), with ovs-vsctl as the oracle. Needs Debian's openvswitch-switch
 * (scripts/deps.sh); without it the test fails and says so. (ovsdb.OvsdbServerProcess does the
 * same for the client's own tests but is package-private there.)
 */
final class OvsdbServer implements AutoCloseable {

    static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    final Path dir;
    final Path socket;

    private OvsdbServer(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("db.sock");
    }

    static OvsdbServer start() throws Exception {
        if (!Files.exists(SCHEMA) || !Files.isExecutable(Path.of("/usr/sbin/ovsdb-server"))) {
            throw new AssertionError("ovsdb-server not installed: apt-get install -y --no-install-recommends openvswitch-switch "
                    + "(scripts/deps.sh does it)");
        }
        OvsdbServer s = new OvsdbServer(Files.createTempDirectory(Path.of("/tmp"), "agent-ovsdb"));
        s.exec(List.of("ovsdb-tool", "create", s.dir.resolve("conf.db").toString(), SCHEMA.toString()), true);
        s.exec(List.of("/usr/sbin/ovsdb-server", s.dir.resolve("conf.db").toString(), "--remote=punix:" + s.socket,
                "--unixctl=" + s.dir.resolve("ovsdb.ctl"), "--pidfile=" + s.dir.resolve("ovsdb.pid"),
                "--log-file=" + s.dir.resolve("ovsdb-server.log"), "--detach"), true);
        s.vsctl("init");
        return s;
    }

    /** ovs-vsctl against this server, never waiting for ovs-vswitchd; asserts success. */
    String vsctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket, "--no-wait", "--timeout=10"));
        cmd.addAll(List.of(args));
        return exec(cmd, true);
    }

    /** ovs-vsctl exit code, for "does it exist" questions. */
    int vsctlExit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket, "--no-wait", "--timeout=10"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private String exec(List<String> cmd, boolean check) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        Path out = dir.resolve("cmd.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8).strip();
        if (check && p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }

    @Override
    public void close() throws Exception {
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
}
