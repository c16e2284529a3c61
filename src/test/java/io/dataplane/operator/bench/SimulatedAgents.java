package io.dataplane.operator.bench;

import static org.awaitility.Awaitility.await;

import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.runtime.JvmOptions;
import io.dataplane.operator.testsupport.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the benchmark touches the node agents: the fleet's nodes simulated by one process of
 * the packaged jar in agent mode ({@code DATAPLANE_MODE=agent}, {@code dataplane.agent.simulate.*}),
 * each node with its own simulated host below {@code dir}, connected as pods are ({@link InClusterEnv}).
 *
 * <p>A process of its own, with the agent DaemonSet's JVM flags (C1 only, serial GC) and a heap sized
 * for the fleet: the agents run the code, HTTP client and JIT they ship with, and their CPU is measured
 * apart from the benchmark's client and informers. (In the benchmark's JVM they had its C2 and its
 * Vert.x client: in a 1,000-node run the JIT alone took ~20 s of the window.)
 *
 * <p>Every node's OVSDB socket is a link to the one ovsdb-server the benchmark runs.
 */
final class SimulatedAgents implements AutoCloseable {
    /** Heap beyond the agent's own 64 MiB per simulated node (an agent's live heap is ~11 MiB, most of it shared code's). */
    static final int HEAP_MIB_PER_NODE = 1;

    private final Process process;

    private SimulatedAgents(Process process) {
        this.process = process;
    }

    static SimulatedAgents start(Path agentKubeconfig, List<String> nodes, Path dir, int threads, Path ovsdbSocket,
            String namespace, List<String> extraJvmArgs, Path log, Duration timeout) {
        Path sockets = dir.resolve("ovsdb");
        try {
            Files.createDirectories(sockets);
            for (String node : nodes) {
                Files.createSymbolicLink(sockets.resolve(node + ".sock"), ovsdbSocket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Processes.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs(nodes.size()));
        cmd.addAll(extraJvmArgs);
        cmd.add("-Ddataplane.agent.health.port=" + port);
        cmd.add("-Ddataplane.agent.simulate.dir=" + dir.resolve("hosts"));
        cmd.add("-Ddataplane.agent.simulate.threads=" + threads);
        cmd.add("-Ddataplane.agent.simulate.ovsdb-socket-dir=" + sockets);
        cmd.addAll(List.of("-jar", OperatorProcess.jar().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(InClusterEnv.of(agentKubeconfig));
        pb.environment().put("DATAPLANE_MODE", "agent");
        pb.environment().put("OPERATOR_NAMESPACE", namespace);
        pb.environment().put("DATAPLANE_AGENT_SIMULATE_NODES", String.join(",", nodes));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SimulatedAgents agents = new SimulatedAgents(process);
        // As on a cluster where the agents ran before any policy: up, capabilities published, states registered and reported.
        String ready = "http://127.0.0.1:" + port + "/q/health/ready";
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the simulated agents exited with " + process.exitValue() + "; log: " + log);
                }
                return ProcessStats.httpStatus(ready) == 200;
            });
        } catch (RuntimeException e) {
            agents.close();
            throw e;
        }
        return agents;
    }

    /** The DaemonSet's flags, with the heap and its young generation grown for {@code nodes} agents. */
    static List<String> jvmArgs(int nodes) {
        int heap = 64 + HEAP_MIB_PER_NODE * nodes;
        List<String> args = new ArrayList<>(JvmOptions.agent());
        args.addAll(List.of("-Xmx" + heap + "m", "-Xmn" + heap / 4 + "m"));
        return args;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
