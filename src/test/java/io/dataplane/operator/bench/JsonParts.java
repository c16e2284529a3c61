package io.dataplane.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the bytes of an object's JSON are: the size of each named part (a dotted path to an object
 * member, counted with its name, quotes, colon and one separator: within a byte or two), what is left of
 * each parent without its named children under "(rest)". Shows which field a
 * smaller object would have to shrink; pure, no API access.
 */
final class JsonParts {

    private JsonParts() {
    }

    /**
     * Mean bytes per part over {@code objects}, in the order of {@code parts}, then "(rest)": the whole
     * object without the named parts. A part listed after one of its children is counted without it.
     */
    static Map<String, Long> meanBytes(Collection<JsonNode> objects, List<String> parts) {
        Map<String, Long> sums = new LinkedHashMap<>();
        parts.forEach(p -> sums.put(p, 0L));
        sums.put("(rest)", 0L);
        for (JsonNode object : objects) {
            ObjectNode rest = object.deepCopy();
            for (String part : parts) {
                JsonNode value = at(rest, part);
                if (value != null) {
                    // The member as it appears in its parent: "name": value, and a separating comma.
                    String name = part.substring(part.lastIndexOf('.') + 1);
                    long bytes = bytes(value) + name.getBytes(StandardCharsets.UTF_8).length + 4;
                    sums.merge(part, bytes, Long::sum);
                    remove(rest, part);
                }
            }
            sums.merge("(rest)", bytes(rest), Long::sum);
        }
        Map<String, Long> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, objects.isEmpty() ? 0 : v / objects.size()));
        return means;
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String key : path.split("\\.")) {
            n = n == null ? null : n.get(key);
        }
        return n;
    }

    private static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : at(root, path.substring(0, dot));
        if (parent instanceof ObjectNode o) {
            o.remove(path.substring(dot + 1));
        }
    }

    private static long bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
