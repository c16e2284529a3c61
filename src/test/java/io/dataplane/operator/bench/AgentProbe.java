package io.dataplane.operator.bench;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.runtime.JvmOptions;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testsupport.Processes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node agent in a process of its own, to measure what one agent costs: the packaged jar in agent
 * mode ({@code DATAPLANE_MODE=agent}) simulating a single node with its simulated-host option
 * ({@code dataplane.agent.simulate.nodes}), since a real agent needs a real host. It serves an extra
 * KWOK node the fleet does not, selected by every policy but OVS-DPDK (agent mode simulates no OVSDB),
 * and is measured after its state is in sync and it has been idle for {@code idle}.
 *
 * <p>Started directly rather than through {@link OperatorProcess}: the agent is judged by its NfvNodeState
 * being in sync, and its {@code /q/health/ready} answer is reported beside the figures.
 *
 * <p>The cluster connection comes as a pod's would, without a kubeconfig file ({@link InClusterEnv}):
 * fabric8 parses a kubeconfig with a serializer that loads every model class it knows (~5 MiB).
 *
 * <p>A fleet of one simulated node watches only its own NfvNodeState, as a real agent does (field
 * selector on its name), so the figure does not grow with the cluster.
 */
final class AgentProbe {
    /** The agent DaemonSet's JVM flags: what ships is what is measured. */
    static final List<String> BASE_JVM_ARGS = JvmOptions.agent();

    /** {@code readiness}: the HTTP status of /q/health/ready once the agent's state is in sync. */
    record Result(double rssMiB, double heapMiB, double liveHeapMiB, String jvmFlags, double syncSeconds, int readiness,
            String note) {
    }

    private AgentProbe() {
    }

    static Result measure(ControlPlane cp, KubernetesClient admin, Path agentKubeconfig, String namespace, String node,
            Path hostDir, Duration idle, List<String> jvmArgs, Duration timeout) {
        int port = Processes.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(BASE_JVM_ARGS);
        cmd.addAll(jvmArgs);
        cmd.add("-Ddataplane.agent.health.port=" + port);
        cmd.add("-Ddataplane.agent.simulate.nodes=" + node);
        cmd.add("-Ddataplane.agent.simulate.dir=" + hostDir);
        cmd.addAll(List.of("-jar", OperatorProcess.jar().toString()));
        Path log = cp.dir().resolve("agent-" + node + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(InClusterEnv.of(agentKubeconfig));
        pb.environment().put("DATAPLANE_MODE", "agent");
        pb.environment().put("OPERATOR_NAMESPACE", namespace);
        Process agent;
        try {
            agent = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        try {
            long deadline = t0 + timeout.toNanos();
            double synced = -1;
            while (System.nanoTime() < deadline && agent.isAlive()) {
                NfvNodeState s = admin.resources(NfvNodeState.class).withName(node).get();
                if (s != null && ConvergenceWatch.inSync(s)) {
                    synced = (System.nanoTime() - t0) / 1e9;
                    break;
                }
                Thread.sleep(500);
            }
            if (!agent.isAlive()) {
                throw new IllegalStateException("the agent process exited with " + agent.exitValue() + "; log: " + log);
            }
            String note = synced < 0 ? "its state was not in sync after " + timeout + "; measured anyway" : "";
            int readiness = ProcessStats.httpStatus("http://127.0.0.1:" + port + "/q/health/ready");
            Thread.sleep(idle.toMillis());
            double rss = ProcessStats.rssMiB(agent.pid());
            double heap = ProcessStats.heapUsedMiBByJcmd(agent.pid());
            ProcessStats.fullGc(agent.pid());
            double live = ProcessStats.heapUsedMiBByJcmd(agent.pid());
            return new Result(rss, heap, live, ProcessStats.jvmFlags(agent.pid()), synced, readiness, note);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Processes.stop(agent);
        }
    }
}
