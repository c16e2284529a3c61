package io.dataplane.operator.e2e;

import io.dataplane.operator.runtime.JvmOptions;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testsupport.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged operator ({@code quarkus-run.jar}, prod profile, server-side apply on) as a separate
 * process against the test control plane, under the identity of the kubeconfig it is given.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private OperatorProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("operator.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        return jar;
    }

    /** Starts the operator and waits until its readiness probe answers. */
    public static OperatorProcess start(ControlPlane cp, Path kubeconfig, String name, Map<String, String> env,
            String... jvmArgs) {
        int port = Processes.freePort();
        Path log = cp.dir().resolve(name + ".log");
        // The shipped flags (the Deployment's JAVA_TOOL_OPTIONS): tests and benchmarks run what ships.
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(JvmOptions.operator());
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            OperatorProcess op = new OperatorProcess(p, log, port);
            op.awaitReady(Duration.ofSeconds(90));
            return op;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process without a graceful shutdown, as a node failure would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("operator exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL()
                        .openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(250);
        }
        throw new IllegalStateException("operator not ready after " + timeout + "; log: " + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
