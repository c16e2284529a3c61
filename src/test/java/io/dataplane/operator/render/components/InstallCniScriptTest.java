package io.dataplane.operator.render.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-cni.sh run for real with {@code sh} against temporary directories: it is the code that decides
 * whether a node's runtime can ever execute a half-copied CNI plugin.
 */
class InstallCniScriptTest {
    @TempDir
    Path tmp;
    Path script;
    Path src;
    Path dest;

    @BeforeEach
    void setUp() throws IOException {
        script = ShellRun.script(tmp, Scripts.INSTALL_CNI);
        src = Files.createDirectories(tmp.resolve("plugins"));
        dest = Files.createDirectories(tmp.resolve("host-cni-bin"));
    }

    @Test
    void installsEveryBinaryExecutableAndNothingElse() throws Exception {
        Files.write(src.resolve("macvlan"), bytes(1, 4096));
        Files.write(src.resolve("sriov"), bytes(2, 10_000));
        Files.writeString(src.resolve(".hidden"), "not a plugin");
        Files.createDirectories(src.resolve("subdir"));

        ShellRun r = install(Map.of());

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(names(dest)).containsExactlyInAnyOrder("macvlan", "sriov");
        for (String name : List.of("macvlan", "sriov")) {
            assertThat(Files.readAllBytes(dest.resolve(name))).isEqualTo(Files.readAllBytes(src.resolve(name)));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve(name))))
                    .isEqualTo("rwxr-xr-x");
        }
        assertThat(r.stdout()).contains("2 installed, 0 already up to date");
    }

    @Test
    void aSecondRunRewritesNothing() throws Exception {
        Files.write(src.resolve("host-device"), bytes(3, 5000));
        assertThat(install(Map.of()).exit()).isZero();
        Object inode = Files.getAttribute(dest.resolve("host-device"), "unix:ino");

        ShellRun again = install(Map.of());

        assertThat(again.exit()).as("%s", again).isZero();
        assertThat(again.stdout()).contains("0 installed, 1 already up to date");
        assertThat(Files.getAttribute(dest.resolve("host-device"), "unix:ino")).isEqualTo(inode);
    }

    @Test
    void aChangedBinaryIsReplacedByRenameNotRewrittenInPlace() throws Exception {
        Files.write(dest.resolve("tuning"), bytes(4, 3000));
        Object oldInode = Files.getAttribute(dest.resolve("tuning"), "unix:ino");
        Files.write(src.resolve("tuning"), bytes(5, 3000));

        assertThat(install(Map.of()).exit()).isZero();

        assertThat(Files.readAllBytes(dest.resolve("tuning"))).isEqualTo(Files.readAllBytes(src.resolve("tuning")));
        assertThat(Files.getAttribute(dest.resolve("tuning"), "unix:ino")).isNotEqualTo(oldInode);
        assertThat(names(dest)).containsExactly("tuning");
    }

    @Test
    void aChecksumMismatchAgainstSha256SumsFailsAndLeavesNothingPartial() throws Exception {
        byte[] old = bytes(6, 2000);
        Files.write(dest.resolve("sriov"), old);
        Files.write(src.resolve("sriov"), bytes(7, 2000));
        Files.writeString(src.resolve("SHA256SUMS"), "0".repeat(64) + "  sriov\n");

        ShellRun r = install(Map.of("INSTALL_CNI_READY_FILE", tmp.resolve("ready").toString()));

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.stderr()).contains("checksum mismatch for sriov");
        assertThat(Files.readAllBytes(dest.resolve("sriov"))).as("the old binary stays").isEqualTo(old);
        assertThat(names(dest)).containsExactly("sriov");
        assertThat(tmp.resolve("ready")).as("not ready after a failure").doesNotExist();
    }

    @Test
    void sha256SumsThatMatchAreAcceptedAndNotInstalled() throws Exception {
        byte[] content = bytes(8, 1500);
        Files.write(src.resolve("static"), content);
        Files.writeString(src.resolve("SHA256SUMS"), sha256(content) + "  static\n");

        ShellRun r = install(Map.of());

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(names(dest)).containsExactly("static");
    }

    @Test
    void aBinaryMissingFromSha256SumsIsRefused() throws Exception {
        Files.write(src.resolve("static"), bytes(9, 100));
        Files.write(src.resolve("extra"), bytes(10, 100));
        Files.writeString(src.resolve("SHA256SUMS"), sha256(Files.readAllBytes(src.resolve("static"))) + "  static\n");

        ShellRun r = install(Map.of());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("extra is not listed");
        assertThat(names(dest)).doesNotContain("extra").allMatch(n -> !n.startsWith("."));
    }

    /** A copy that writes half the file (full disk, killed cp) is caught by the checksum before the rename. */
    @Test
    void aTruncatedCopyIsNeverRenamedIntoPlace() throws Exception {
        byte[] old = bytes(11, 8000);
        Files.write(dest.resolve("macvlan"), old);
        Files.write(src.resolve("macvlan"), bytes(12, 8000));
        Path fakeBin = Files.createDirectories(tmp.resolve("fakebin"));
        ShellRun.executable(fakeBin.resolve("cp"), """
                #!/bin/sh
                size=$(wc -c < "$1")
                head -c $((size / 2)) "$1" > "$2"
                """);

        ShellRun r = install(Map.of("PATH", fakeBin + ":" + System.getenv("PATH")));

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.stderr()).contains("checksum mismatch for macvlan");
        assertThat(Files.readAllBytes(dest.resolve("macvlan"))).isEqualTo(old);
        assertThat(names(dest)).containsExactly("macvlan");
    }

    /**
     * While a large binary is replaced, a reader polling the final name only ever sees the complete old or
     * the complete new file (what a container runtime executing the plugin would see).
     */
    @Test
    void readersNeverSeeAHalfWrittenBinary() throws Exception {
        byte[] old = bytes(13, 24 << 20);
        byte[] next = bytes(14, 24 << 20);
        Files.write(dest.resolve("big"), old);
        Files.write(src.resolve("big"), next);
        Set<String> allowed = Set.of(sha256(old), sha256(next));
        List<String> seen = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String sum = sha256(Files.readAllBytes(dest.resolve("big")));
                    reads.incrementAndGet();
                    if (!allowed.contains(sum)) {
                        synchronized (seen) {
                            seen.add(sum);
                        }
                    }
                } catch (IOException e) {
                    synchronized (seen) {
                        seen.add("unreadable: " + e);
                    }
                }
            }
        });
        reader.start();
        ShellRun r = install(Map.of());
        done.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(reads.get()).as("reads during the copy").isPositive();
        assertThat(seen).as("partial contents seen").isEmpty();
        assertThat(Files.readAllBytes(dest.resolve("big"))).isEqualTo(next);
    }

    @Test
    void writesTheReadyFileOnSuccess() throws Exception {
        Files.write(src.resolve("bridge"), bytes(15, 100));
        Path ready = tmp.resolve("ready");

        assertThat(install(Map.of("INSTALL_CNI_READY_FILE", ready.toString())).exit()).isZero();

        assertThat(Files.readString(ready)).contains("1 installed");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(ShellRun.run("sh", script.toString()).exit()).isEqualTo(2);
        assertThat(ShellRun.run("sh", script.toString(), tmp.resolve("missing").toString(), dest.toString(), "--once").exit())
                .isEqualTo(2);
        assertThat(ShellRun.run("sh", script.toString(), src.toString(), tmp.resolve("missing").toString(), "--once").exit())
                .isEqualTo(2);
    }

    /** As a DaemonSet container it keeps running after the copy and stops at once on TERM (pod deletion). */
    @Test
    void keepsRunningUntilTerminated() throws Exception {
        Files.write(src.resolve("bridge"), bytes(16, 100));
        Path ready = tmp.resolve("ready");
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), src.toString(), dest.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile());
        pb.environment().put("INSTALL_CNI_READY_FILE", ready.toString());
        Process p = pb.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Files.exists(ready));
            assertThat(p.isAlive()).isTrue();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s of TERM").isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
        } finally {
            p.destroyForcibly();
        }
    }

    private ShellRun install(Map<String, String> env) {
        return ShellRun.run(List.of("sh", script.toString(), src.toString(), dest.toString(), "--once"),
                new HashMap<>(env), null);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
