package io.dataplane.operator.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A minimal OVSDB (RFC 7047) client: JSON-RPC 1.0 over a unix socket. OVSDB does not frame its
 * messages, so one reader thread parses the stream as concatenated JSON values; it completes the
 * pending call with the matching id, answers the server's {@code echo} (else the server drops an
 * idle connection), and hands {@code update} notifications to the monitor's callback. Callbacks
 * run on that thread: keep them short.
 */
public final class OvsdbClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OvsdbClient.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final SocketChannel channel;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> monitors = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Thread reader;
    private volatile boolean closed;

    private OvsdbClient(SocketChannel channel, Duration timeout, String name) {
        this.channel = channel;
        this.timeout = timeout;
        this.reader = new Thread(this::readLoop, "ovsdb-reader-" + name);
        this.reader.setDaemon(true);
    }

    /**
     * Connects to ovsdb-server's unix socket ({@code /var/run/openvswitch/db.sock}, under the
     * host root in the agent pod).
     *
     * @param timeout how long each call waits for its answer
     */
    public static OvsdbClient connect(Path socket, Duration timeout) {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            OvsdbClient c = new OvsdbClient(ch, timeout, socket.toString());
            c.reader.start();
            return c;
        } catch (IOException e) {
            throw new OvsdbException("io error", "cannot connect to " + socket + ": " + e.getMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public List<String> listDbs() {
        List<String> dbs = new ArrayList<>();
        call("list_dbs", mapper.createArrayNode()).forEach(n -> dbs.add(n.asText()));
        return dbs;
    }

    public JsonNode getSchema(String db) {
        return call("get_schema", mapper.createArrayNode().add(db));
    }

    /**
     * Runs operations as one transaction. Returns one result per operation.
     *
     * @throws OvsdbException when the transaction failed: the first failing operation's error and
     *     details (or the commit's, which comes as an extra result)
     */
    public ArrayNode transact(String db, List<ObjectNode> ops) {
        ArrayNode params = mapper.createArrayNode().add(db);
        ops.forEach(params::add);
        JsonNode result = call("transact", params);
        if (!result.isArray()) {
            throw new OvsdbException("protocol error", "transact result is not an array: " + result);
        }
        for (int i = 0; i < result.size(); i++) {
            JsonNode r = result.get(i);
            if (r != null && r.hasNonNull("error")) {
                String where = i < ops.size() ? "operation " + i + " (" + ops.get(i).path("op").asText() + " "
                        + ops.get(i).path("table").asText() + ")" : "commit";
                throw new OvsdbException(r.get("error").asText(),
                        where + " failed: " + r.get("error").asText() + ": " + r.path("details").asText(""));
            }
        }
        return (ArrayNode) result;
    }

    /**
     * Starts a monitor. {@code requests} maps table names to monitor requests
     * ({@code {"columns":[...]}}). Returns the initial contents as table-updates; later changes
     * reach {@code onUpdate} as table-updates.
     */
    public JsonNode monitor(String db, String monitorId, ObjectNode requests, Consumer<JsonNode> onUpdate) {
        monitors.put(monitorId, onUpdate);
        try {
            return call("monitor", mapper.createArrayNode().add(db).add(monitorId).add(requests));
        } catch (RuntimeException e) {
            monitors.remove(monitorId);
            throw e;
        }
    }

    public void monitorCancel(String monitorId) {
        try {
            call("monitor_cancel", mapper.createArrayNode().add(monitorId));
        } finally {
            monitors.remove(monitorId);
        }
    }

    /** A round trip to the server; returns what it echoed. */
    public JsonNode echo(String payload) {
        return call("echo", mapper.createArrayNode().add(payload));
    }

    /** Sends a request and waits for its result. */
    public JsonNode call(String method, ArrayNode params) {
        if (closed) {
            throw new OvsdbException("closed", "connection closed");
        }
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode req = mapper.createObjectNode();
        req.put("method", method);
        req.set("params", params);
        req.put("id", Long.parseLong(id));
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        try {
            send(req);
            JsonNode resp = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode err = resp.get("error");
            if (err != null && !err.isNull()) {
                String e = err.isObject() ? err.path("error").asText() : err.asText();
                throw new OvsdbException(e, method + " failed: " + err);
            }
            return resp.get("result");
        } catch (TimeoutException e) {
            throw new OvsdbException("timeout", method + " got no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbException("interrupted", method + " interrupted", e);
        } catch (ExecutionException e) {
            throw new OvsdbException("closed", method + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    private void send(JsonNode msg) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(mapper.writeValueAsBytes(msg));
            synchronized (writeLock) {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        } catch (IOException e) {
            throw new OvsdbException("io error", "send failed: " + e.getMessage(), e);
        }
    }

    private void readLoop() {
        try (JsonParser parser = mapper.getFactory().createParser(new ChannelInput(channel))) {
            while (!closed) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    break; // server closed the connection
                }
                JsonNode msg = mapper.readTree(parser);
                dispatch(msg);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.debugf("ovsdb connection lost: %s", e.getMessage());
            }
        } finally {
            closed = true;
            OvsdbException gone = new OvsdbException("closed", "connection to ovsdb-server closed");
            pending.values().forEach(f -> f.completeExceptionally(gone));
        }
    }

    private void dispatch(JsonNode msg) {
        JsonNode method = msg.get("method");
        if (method != null && !method.isNull()) {
            switch (method.asText()) {
                case "echo" -> {
                    ObjectNode reply = mapper.createObjectNode();
                    reply.set("id", msg.get("id"));
                    reply.set("result", msg.get("params"));
                    reply.putNull("error");
                    send(reply);
                }
                case "update" -> {
                    JsonNode params = msg.get("params");
                    Consumer<JsonNode> cb = monitors.get(params.get(0).asText());
                    if (cb != null) {
                        try {
                            cb.accept(params.get(1));
                        } catch (RuntimeException e) {
                            LOG.warnf(e, "monitor callback failed");
                        }
                    }
                }
                default -> LOG.debugf("ignoring ovsdb notification %s", method.asText());
            }
            return;
        }
        JsonNode id = msg.get("id");
        if (id != null) {
            CompletableFuture<JsonNode> f = pending.get(id.asText());
            if (f != null) {
                f.complete(msg);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debugf("close: %s", e.getMessage());
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads the channel directly: a blocking read that returns what is there, which is all the
     * streaming parser needs. (Older JDKs' Channels.newInputStream held the channel's blocking
     * lock while waiting, stalling writes from other threads.)
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            int n = read(b, 0, 1);
            return n < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return ch.read(ByteBuffer.wrap(b, off, len));
        }
    }

    @Override
    public String toString() {
        return "OvsdbClient[" + reader.getName() + "]";
    }
}
