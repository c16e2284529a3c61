package io.dataplane.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.testbed.AuditLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Requests of one user between two marks of the API server's audit log, by verb and by resource.
 * Streams the file: at 1,000 nodes the log of one run is hundreds of megabytes, too big for
 * {@link AuditLog#since(long)}, which reads the rest of the file into one string. Only lines naming the
 * user are parsed. Watches count once (their ResponseComplete line, written when the watch ends).
 */
final class AuditTally {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** verb → count, e.g. {get=3, list=12, patch=1000}. */
    final Map<String, Long> byVerb = new TreeMap<>();
    /** Writes per resource (with subresource, e.g. "nfvnodestates", "nfvnetworks/status"). */
    final Map<String, Long> writesByResource = new TreeMap<>();
    /** Distinct objects written per resource, "namespace/name" or "name". */
    final Map<String, Set<String>> objectsWritten = new TreeMap<>();
    /** Responses with a code ≥ 400 (e.g. 409 conflicts), by code. */
    final Map<Integer, Long> errors = new TreeMap<>();

    private AuditTally() {
    }

    /** The requests of {@code user} logged between byte offsets {@code from} and {@code to} (marks). */
    static AuditTally of(Path auditLog, String user, long from, long to) {
        AuditTally t = new AuditTally();
        String needle = "\"username\":\"" + user + "\"";
        try (FileChannel ch = FileChannel.open(auditLog, StandardOpenOption.READ)) {
            ch.position(from);
            long read = from;
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8),
                    1 << 16);
            String line;
            while ((line = in.readLine()) != null) {
                read += line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (read > to) {
                    break;
                }
                if (!line.contains(needle) || !line.endsWith("}")) {
                    continue;
                }
                t.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + auditLog, e);
        }
        return t;
    }

    static long mark(Path auditLog) {
        try {
            return Files.exists(auditLog) ? Files.size(auditLog) : 0L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(JsonNode e) {
        if (!"ResponseComplete".equals(e.path("stage").asText())) {
            return;
        }
        String verb = e.path("verb").asText();
        byVerb.merge(verb, 1L, Long::sum);
        int code = e.path("responseStatus").path("code").asInt(0);
        if (code >= 400) {
            errors.merge(code, 1L, Long::sum);
        }
        if (AuditLog.WRITE_VERBS.contains(verb)) {
            JsonNode ref = e.path("objectRef");
            String resource = ref.path("resource").asText("?")
                    + (ref.hasNonNull("subresource") ? "/" + ref.path("subresource").asText() : "");
            writesByResource.merge(resource, 1L, Long::sum);
            String ns = ref.path("namespace").asText("");
            objectsWritten.computeIfAbsent(resource, k -> new TreeSet<>())
                    .add(ns.isEmpty() ? ref.path("name").asText("") : ns + "/" + ref.path("name").asText(""));
        }
    }

    long writes() {
        return writesByResource.values().stream().mapToLong(Long::longValue).sum();
    }

    long requests() {
        return byVerb.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "get 3, list 12, watch 9" */
    String verbs() {
        return byVerb.isEmpty() ? "none" : byVerb.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** "nfvnodestates 1000 (1000 objects), nfvnodepolicies/status 7 (5 objects)" */
    String writesSummary() {
        return writesByResource.isEmpty() ? "none" : writesByResource.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " (" + objectsWritten.get(e.getKey()).size() + " objects)")
                .collect(Collectors.joining(", "));
    }

    /** The objects written, at most {@code max} names per resource. */
    String objectsSummary(int max) {
        return objectsWritten.isEmpty() ? "none" : objectsWritten.entrySet().stream().map(e -> {
            Set<String> names = e.getValue();
            String shown = names.stream().limit(max).collect(Collectors.joining(" "));
            return e.getKey() + ": " + shown + (names.size() > max ? " … (" + names.size() + " in all)" : "");
        }).collect(Collectors.joining("; "));
    }
}
