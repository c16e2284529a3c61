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
 * changes.
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
    Process entrypoint;

    @BeforeEach
    void setUp() throws IOException {
        nodes = Files.createDirectories(tmp.resolve("nodes"));
        Files.createDirectories(tmp.resolve("active"));
        activeConfig = tmp.resolve("active/config.json");
        log = tmp.resolve("plugin.log");
        Files.createFile(log);
    }

    @AfterEach
    void tearDown() {
        if (entrypoint != null) {
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
        entrypoint = pb.start();
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
