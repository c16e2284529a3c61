package io.dataplane.operator.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The agent's health endpoints on the JDK's HTTP server, at the paths and in the JSON shape of
 * MicroProfile Health that the agent answered under Quarkus: {@code /q/health/live} (up while the
 * process serves), {@code /q/health/ready} and {@code /q/health/group/agent} (up once every agent of
 * the process re-applied its node's state; the DaemonSet's readiness probe).
 */
public final class AgentHealthServer implements AutoCloseable {

    private final HttpServer server;

    private AgentHealthServer(HttpServer server) {
        this.server = server;
    }

    public static AgentHealthServer start(String host, int port, BooleanSupplier ready) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health on " + host + ":" + port, e);
        }
        server.createContext("/q/health/live", ex -> answer(ex, null, true));
        // Every other path below it (/q/health/ready, /q/health/group/agent): the agent's one check.
        server.createContext("/q/health", ex -> answer(ex, "agent", ready.getAsBoolean()));
        // One thread: probes are rare and answer from memory.
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agent-health");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new AgentHealthServer(server);
    }

    /** The bound port (the one asked for, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    static String body(String check, boolean up) {
        String status = up ? "UP" : "DOWN";
        String checks = check == null ? "" : "{\"name\":\"" + check + "\",\"status\":\"" + status + "\"}";
        return "{\"status\":\"" + status + "\",\"checks\":[" + checks + "]}";
    }

    private static void answer(HttpExchange ex, String check, boolean up) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = body(check, up).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(up ? 200 : 503, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
