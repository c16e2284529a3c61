package io.dataplane.operator.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real ovsdb-server does only sometimes: unframed messages back to back or split across
 * writes, and echo requests from the server. A scripted server on a unix socket plays them.
 */
class OvsdbClientFramingTest {

    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    ServerSocketChannel listener;
    SocketChannel peer;
    BlockingQueue<JsonNode> fromClient = new LinkedBlockingQueue<>();
    OvsdbClient client;

    @BeforeEach
    void listen() throws Exception {
        Path sock = dir.resolve("s.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(sock));
        CompletableFuture<SocketChannel> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.accept();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client = OvsdbClient.connect(sock, Duration.ofSeconds(5));
        peer = accepted.get(5, TimeUnit.SECONDS);
        Thread t = new Thread(() -> {
            try (InputStream in = Channels.newInputStream(peer);
                    JsonParser p = M.getFactory().createParser(in)) {
                while (p.nextToken() != null) {
                    fromClient.add(M.readTree(p));
                }
            } catch (Exception e) {
                // connection closed at the end of the test
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        peer.close();
        listener.close();
    }

    private void serverWrites(String raw) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            peer.write(b);
        }
    }

    @Test
    void answersServerEcho() throws Exception {
        serverWrites("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}");
        JsonNode reply = fromClient.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.get("id").asText()).isEqualTo("echo");
        assertThat(reply.get("result").isArray()).isTrue();
        assertThat(reply.get("error").isNull()).isTrue();
    }

    @Test
    void parsesBackToBackAndSplitMessages() throws Exception {
        List<JsonNode> updates = new CopyOnWriteArrayList<>();
        CompletableFuture<JsonNode> monitor = CompletableFuture.supplyAsync(() ->
                client.monitor("Open_vSwitch", "m1", M.createObjectNode(), updates::add));
        JsonNode req = fromClient.poll(5, TimeUnit.SECONDS);
        assertThat(req.get("method").asText()).isEqualTo("monitor");
        long id = req.get("id").asLong();
        // reply, a notification and half of another one in one write; the rest later
        serverWrites("{\"id\":" + id + ",\"result\":{},\"error\":null}"
                + "{\"id\":null,\"method\":\"update\",\"params\":[\"m1\",{\"Bridge\":{\"a\":{\"new\":{\"name\":\"b1\"}}}}]}"
                + "{\"id\":null,\"method\":\"upd");
        assertThat(monitor.get(5, TimeUnit.SECONDS).size()).isZero();
        Thread.sleep(100);
        serverWrites("ate\",\"params\":[\"m1\",{\"Bridge\":{\"a\":{\"new\":{\"name\":\"b2\"}}}}]}");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> updates.size() == 2);
        assertThat(updates).extracting(u -> u.at("/Bridge/a/new/name").asText()).containsExactly("b1", "b2");
    }

    @Test
    void errorsAndLostConnectionFailPendingCalls() throws Exception {
        CompletableFuture<List<String>> call = CompletableFuture.supplyAsync(client::listDbs);
        JsonNode req = fromClient.poll(5, TimeUnit.SECONDS);
        serverWrites("{\"id\":" + req.get("id") + ",\"result\":null,\"error\":{\"error\":\"syntax error\",\"details\":\"x\"}}");
        assertThatThrownBy(call::join).hasCauseInstanceOf(OvsdbException.class).hasMessageContaining("syntax error");

        CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(client::listDbs);
        fromClient.poll(5, TimeUnit.SECONDS);
        peer.close();
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(OvsdbException.class)
                .hasMessageContaining("closed");
    }
}
