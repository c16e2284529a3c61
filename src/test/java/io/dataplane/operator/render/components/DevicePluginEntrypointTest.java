package io.dataplane.operator.render.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * device-plugin-entrypoint.sh run for real with {@code sh}, a stand-in plugin binary that logs its starts
 * and stops, and a directory updated the way the kubelet updates a mounted ConfigMap (rename). The plugin
 * reads its configuration only at start, so the script must restart it exactly when this node's key
 * changes; it also discovers VFs only at start, so the script restarts it when this node's VFs change,
 * read from a fake sysfs tree ({@code DP_SYSFS}) laid out as the kernel's.
 */
class DevicePluginEntrypointTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String NODE = "worker-1";
    static final String CONFIG_A = "{\"resourceList\":[{\"resourceName\":\"pool_a\",\"resourcePrefix\":\"dataplane.io\"}]}";
    static final String CONFIG_B = "{\"resourceList\":[{\"resourceName\":\"pool_b\",\"resourcePrefix\":\"dataplane.io\"}]}";

    @TempDir
    Path tmp;
    Path nodes;
    Path log;
    Path activeConfig;
    Path sysfs;
    Process entrypoint;

    @BeforeEach
    void setUp() throws IOException {
        nodes = Files.createDirectories(tmp.resolve("nodes"));
        Files.createDirectories(tmp.resolve("active"));
        activeConfig = tmp.resolve("active/config.json");
        log = tmp.resolve("plugin.log");
        Files.createFile(log);
        // A PF with one VF bound to its kernel driver.
        sysfs = tmp.resolve("sys");
        Path devices = Files.createDirectories(sysfs.resolve("bus/pci/devices"));
        Files.writeString(Files.createDirectories(devices.resolve("0000:18:00.0")).resolve("sriov_numvfs"), "1\n");
        Path vf = Files.createDirectories(devices.resolve("0000:18:01.0"));
        Files.createSymbolicLink(vf.resolve("physfn"), Path.of("../0000:18:00.0"));
        bindVf("iavf");
    }

    @AfterEach
    void tearDown() {
        if (entrypoint != null) {
            // The plugin too: killed alone, the entrypoint leaves its child looping after the test.
            entrypoint.descendants().forEach(ProcessHandle::destroyForcibly);
            entrypoint.destroyForcibly();
        }
    }

    @Test
    void waitsWithoutAKeyThenStartsThePluginWithThisNodesConfigAndArguments() throws Exception {
        start();
        Thread.sleep(500);
        assertThat(starts()).as("no plugin without a key").isEmpty();
        assertThat(entrypoint.isAlive()).isTrue();

        put(NODE, CONFIG_A);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));
        assertThat(starts().get(0)).contains("pool_a").contains("args:--v=2");
        assertThat(Files.readString(activeConfig)).isEqualTo(CONFIG_A + "\n");
    }

    @Test
    void aChangeOfThisNodesKeyRestartsThePluginWithTheNewConfig() throws Exception {
        put(NODE, CONFIG_A);
        start();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));

        put(NODE, CONFIG_B);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(2));
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.stream().filter(l -> l.startsWith("stop")).count()).isEqualTo(1);
        assertThat(lines.indexOf(lines.stream().filter(l -> l.startsWith("stop")).findFirst().orElseThrow()))
                .as("the old plugin stopped before the new one started").isLessThan(lines.indexOf(starts().get(1)));
        assertThat(starts().get(1)).contains("pool_b");
    }

    @Test
    void anotherNodesChangeRestartsNothing() throws Exception {
        put(NODE, CONFIG_A);
        put("worker-2", CONFIG_A);
        start();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));

        put("worker-2", CONFIG_B);
        put("worker-3", CONFIG_B);
        Thread.sleep(1500); // 15 poll periods

        assertThat(starts()).hasSize(1);
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.startsWith("stop"));
    }

    @Test
    void aChangeOfThisNodesVfsRestartsThePluginOnceTheChangeSettled() throws Exception {
        put(NODE, CONFIG_A);
        start();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));

        // The agent creates more VFs: same configuration, but the plugin found one VF at start.
        Files.writeString(sysfs.resolve("bus/pci/devices/0000:18:00.0/sriov_numvfs"), "8\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(2));
        assertThat(starts().get(1)).contains("pool_a");

        // It moves the VF to vfio-pci (a DPDK pool selects by driver).
        bindVf("vfio-pci");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(3));
        Thread.sleep(1000); // 10 polls: settled, nothing more
        assertThat(starts()).hasSize(3);
        assertThat(Files.readAllLines(log).stream().filter(l -> l.startsWith("stop")).count()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("entrypoint.log"))).contains("VFs of node " + NODE + " changed");
    }

    @Test
    void aKeyWithoutResourcesStopsThePluginInsteadOfCrashLooping() throws Exception {
        put(NODE, CONFIG_A);
        start();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));

        put(NODE, "{\"resourceList\":[]}");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Files.readAllLines(log)).anyMatch(l -> l.startsWith("stop")));
        Thread.sleep(500);
        assertThat(starts()).hasSize(1);
        assertThat(entrypoint.isAlive()).isTrue();
    }

    @Test
    void aPluginThatDiesMakesTheContainerExitSoTheKubeletRestartsIt() throws Exception {
        put(NODE, CONFIG_A);
        start();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));
        long pid = Long.parseLong(starts().get(0).split(" ")[1]);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(entrypoint.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(entrypoint.exitValue()).isEqualTo(1);
    }

    @Test
    void terminationStopsThePluginAndExitsCleanly() throws Exception {
        put(NODE, CONFIG_A);
        start();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(starts()).hasSize(1));

        entrypoint.destroy(); // SIGTERM, as the kubelet sends on pod deletion

        assertThat(entrypoint.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(entrypoint.exitValue()).isZero();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.startsWith("stop"));
    }

    private void start() throws IOException {
        Path script = ShellRun.script(tmp, Scripts.DEVICE_PLUGIN_ENTRYPOINT);
        Path plugin = ShellRun.executable(tmp.resolve("fake-sriovdp"), """
                #!/bin/sh
                echo "start $$ $(cat "$DP_CONFIG_FILE") args:$*" >> "$PLUGIN_LOG"
                trap 'echo "stop $$" >> "$PLUGIN_LOG"; exit 0' TERM
                while :; do sleep 0.05; done
                """);
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), "--v=2").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("entrypoint.log").toFile());
        pb.environment().put("NODE_NAME", NODE);
        pb.environment().put("DP_CONFIG_DIR", nodes.toString());
        pb.environment().put("DP_CONFIG_FILE", activeConfig.toString());
        pb.environment().put("DP_BINARY", plugin.toString());
        pb.environment().put("DP_POLL_SECONDS", "0.1");
        pb.environment().put("PLUGIN_LOG", log.toString());
        pb.environment().put("DP_SYSFS", sysfs.toString());
        entrypoint = pb.start();
    }

    /** Points the VF's driver link where the kernel would after a bind. */
    private void bindVf(String driver) throws IOException {
        Path link = sysfs.resolve("bus/pci/devices/0000:18:01.0/driver");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("../../../../bus/pci/drivers/" + driver));
    }

    /** Replaces a key the way the kubelet updates a ConfigMap volume: new file, then rename. */
    private void put(String node, String content) throws IOException {
        Path next = nodes.resolve(".." + node + ".tmp");
        Files.writeString(next, content);
        Files.move(next, nodes.resolve(node), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> starts() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("start")).toList();
    }
}
