package io.dataplane.operator.testbed;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the control plane's audit log (one JSON event per line, Metadata
 * level, stage RequestReceived omitted) so tests can count API calls, e.g.
 * "the operator made no write during a no-op resync":
 *
 * <pre>{@code
 * long mark = cp.auditLog().mark();
 * ... let the operator resync ...
 * assertThat(cp.auditLog().since(mark).stream().filter(e -> e.isWriteBy(user)).count()).isZero();
 * }</pre>
 *
 * The ResponseComplete event is written right after the response, so await
 * (Awaitility) rather than read once when a test expects a new event.
 */
public final class AuditLog {

    /** Verbs that change state. */
    public static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /**
     * One audited request. {@code resource} is the plural, e.g. "configmaps". {@code decision} is the
     * authorizer's ("allow" or "forbid"; null when the request never reached authorization): a 403 with
     * "allow" was refused by admission, e.g. a create in a namespace being deleted, not by RBAC.
     */
    public record Event(String user, List<String> groups, String verb, String apiGroup, String resource,
            String subresource, String namespace, String name, String stage, int code, String requestUri,
            String decision) {

        /** Refused by the authorizer: the account lacks a rule for this request. */
        public boolean deniedByAuthorizer() {
            return decision == null ? code == 403 : "forbid".equals(decision);
        }

        public boolean isWrite() {
            return "ResponseComplete".equals(stage) && WRITE_VERBS.contains(verb);
        }

        public boolean isWriteBy(String username) {
            return isWrite() && username.equals(user);
        }
    }

    /** Current end of the log; pass to {@link #since(long)} to see only later events. */
    public long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Event> all() {
        return since(0);
    }

    /** Events written after {@code offset} (a value of {@link #mark()}). */
    public List<Event> since(long offset) {
        List<Event> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(offset);
            byte[] rest = new byte[(int) (raf.length() - offset)];
            raf.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || !line.endsWith("}")) {
                    continue; // a line still being written
                }
                out.add(parse(JSON.readTree(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit log " + file, e);
        }
        return out;
    }

    /** Completed write requests of {@code username} since {@code offset} matching {@code filter}. */
    public long countWrites(long offset, String username, Predicate<Event> filter) {
        return since(offset).stream().filter(e -> e.isWriteBy(username)).filter(filter).count();
    }

    /**
     * Waits until {@code quiet} passes without a write of {@code username} matching {@code filter}:
     * controllers that defer work (rate limits, requeues) have settled, so a later window counts only
     * what the test provokes.
     */
    public void awaitQuiet(String username, Predicate<Event> filter, Duration quiet, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            long before = mark();
            try {
                Thread.sleep(quiet.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for quiet", e);
            }
            List<Event> writes = since(before).stream().filter(e -> e.isWriteBy(username)).filter(filter).toList();
            if (writes.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writes by " + username + " did not stop within " + atMost + "; last: " + writes);
            }
        }
    }

    /** Completed write requests of {@code username} since {@code offset}. */
    public long countWrites(long offset, String username) {
        return countWrites(offset, username, e -> true);
    }

    private static Event parse(JsonNode n) {
        JsonNode user = n.path("user");
        JsonNode ref = n.path("objectRef");
        List<String> groups = new ArrayList<>();
        user.path("groups").forEach(g -> groups.add(g.asText()));
        return new Event(user.path("username").asText(null), groups, n.path("verb").asText(null),
                ref.path("apiGroup").asText(""), ref.path("resource").asText(null),
                ref.path("subresource").asText(null), ref.path("namespace").asText(null),
                ref.path("name").asText(null), n.path("stage").asText(null),
                n.path("responseStatus").path("code").asInt(0), n.path("requestURI").asText(null),
                n.path("annotations").path("authorization.k8s.io/decision").asText(null));
    }
}
