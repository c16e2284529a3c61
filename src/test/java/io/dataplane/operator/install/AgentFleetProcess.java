package io.dataplane.operator.install;

import io.dataplane.operator.testsupport.Processes;
import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.testbed.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged artifact in agent mode, simulating the hosts of some nodes, under the identity of a
 * kubeconfig. Started once it is live: its readiness is the agents' business (and the tests check what
 * the agents write instead).
 */
final class AgentFleetProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentFleetProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AgentFleetProcess start(ControlPlane cp, Path kubeconfig, String name, List<String> nodes, String namespace) {
        int port = Processes.freePort();
        Path log = cp.dir().resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Ddataplane.agent.health.port=" + port, "-jar", OperatorProcess.jar().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("DATAPLANE_MODE", "agent");
        pb.environment().put("DATAPLANE_AGENT_SIMULATE_NODES", String.join(",", nodes));
        pb.environment().put("OPERATOR_NAMESPACE", namespace);
        try {
            AgentFleetProcess p = new AgentFleetProcess(pb.start(), log);
            p.awaitLive(port, Duration.ofSeconds(90));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitLive(int port, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("agent process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/live").toURL()
                        .openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("agent process not live after " + timeout + "; log: "
                + String.join("\n", Files.readAllLines(log).stream().skip(Math.max(0, Files.readAllLines(log).size() - 30)).toList()));
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
