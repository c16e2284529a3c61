package io.dataplane.operator.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a cached object already is what the operator wants, so a converged cluster sees no
 * write at all. Two checks, both needed:
 * <ul>
 * <li>the hash of the desired object, kept in an annotation on the object, catches every change of intent,
 * including a field the operator stopped setting (which a containment check cannot see);</li>
 * <li>containment — every field of the desired object has that value in the cached one — catches hand
 * edits of fields the operator owns, while fields others add or the server defaults are ignored. A field
 * the server leaves out because it holds Go's zero value ({@code omitempty}: false, 0, "", empty) counts
 * as equal to that zero value.</li>
 * </ul>
 */
public final class DesiredState {
    public static final String HASH_ANNOTATION = "nfv.dataplane.io/desired-hash";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DesiredState() {
    }

    /** Sets the hash annotation of {@code desired} (computed without it) and returns it. */
    public static <R extends HasMetadata> R withHash(R desired) {
        Map<String, String> annotations = desired.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(desired.getMetadata().getAnnotations());
        annotations.remove(HASH_ANNOTATION);
        desired.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
        String hash = hash(desired);
        annotations.put(HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(new java.util.TreeMap<>(annotations));
        return desired;
    }

    /** True when {@code actual} carries the hash of {@code desired} (see {@link #withHash}) and contains it. */
    public static boolean matches(HasMetadata actual, HasMetadata desired) {
        String want = desired.getMetadata().getAnnotations() == null ? null
                : desired.getMetadata().getAnnotations().get(HASH_ANNOTATION);
        String have = actual.getMetadata().getAnnotations() == null ? null
                : actual.getMetadata().getAnnotations().get(HASH_ANNOTATION);
        return want != null && want.equals(have) && contains(tree(actual), tree(desired));
    }

    /** Where {@code actual} differs from {@code desired} (JSON pointers), for the log; empty when contained. */
    public static List<String> differences(HasMetadata actual, HasMetadata desired) {
        List<String> out = new ArrayList<>();
        diff(tree(actual), tree(desired), "", out);
        return out;
    }

    static boolean contains(JsonNode actual, JsonNode desired) {
        List<String> out = new ArrayList<>();
        diff(actual, desired, "", out);
        return out.isEmpty();
    }

    private static void diff(JsonNode actual, JsonNode desired, String path, List<String> out) {
        if (desired == null || desired.isNull() || desired.isMissingNode()) {
            return;
        }
        JsonNode a = actual == null ? MissingNode.getInstance() : actual;
        if (a.isMissingNode() || a.isNull()) {
            if (!isZero(desired)) {
                out.add(path);
            }
            return;
        }
        if (desired.isObject()) {
            if (!a.isObject()) {
                out.add(path);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                diff(a.get(e.getKey()), e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (desired.isArray()) {
            if (!a.isArray() || a.size() != desired.size()) {
                out.add(path);
                return;
            }
            for (int i = 0; i < desired.size(); i++) {
                diff(a.get(i), desired.get(i), path + "/" + i, out);
            }
        } else if (desired.isNumber()) {
            if (!a.isNumber() || a.decimalValue().compareTo(desired.decimalValue()) != 0) {
                out.add(path);
            }
        } else if (!desired.equals(a)) {
            out.add(path);
        }
    }

    /** Go's zero values, which the API server omits ({@code omitempty}). */
    private static boolean isZero(JsonNode n) {
        return (n.isBoolean() && !n.booleanValue()) || (n.isNumber() && n.decimalValue().signum() == 0)
                || (n.isTextual() && n.textValue().isEmpty()) || (n.isContainerNode() && n.isEmpty());
    }

    private static JsonNode tree(HasMetadata o) {
        return SERIALIZATION.convertValue(o, JsonNode.class);
    }

    static String hash(HasMetadata desired) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            canonical(tree(desired), digest);
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Object keys sorted, so equal content hashes equally whatever the maps' order. */
    private static void canonical(JsonNode n, MessageDigest digest) {
        if (n.isObject()) {
            digest.update((byte) '{');
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                canonical(n.get(name), digest);
                digest.update((byte) ',');
            }
            digest.update((byte) '}');
        } else if (n.isArray()) {
            digest.update((byte) '[');
            for (JsonNode e : n) {
                canonical(e, digest);
                digest.update((byte) ',');
            }
            digest.update((byte) ']');
        } else {
            digest.update(n.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
