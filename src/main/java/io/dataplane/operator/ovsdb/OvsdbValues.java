package io.dataplane.operator.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 7047 value notation: atoms, {@code ["set",[...]]}, {@code ["map",[[k,v],...]]},
 * {@code ["uuid",u]}, {@code ["named-uuid",n]}. An optional column with no value is the empty set;
 * a set of one element may come as the bare atom.
 */
public final class OvsdbValues {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OvsdbValues() {
    }

    // ------------------------------------------------------------ encode

    public static ArrayNode uuid(String uuid) {
        return F.arrayNode().add("uuid").add(uuid);
    }

    public static ArrayNode namedUuid(String name) {
        return F.arrayNode().add("named-uuid").add(name);
    }

    /** A set of atoms: strings, numbers, booleans or uuid/named-uuid pairs. */
    public static ArrayNode set(Collection<?> atoms) {
        ArrayNode elems = F.arrayNode();
        atoms.forEach(a -> elems.add(atom(a)));
        return F.arrayNode().add("set").add(elems);
    }

    public static ArrayNode map(Map<String, String> entries) {
        ArrayNode pairs = F.arrayNode();
        entries.forEach((k, v) -> pairs.add(F.arrayNode().add(k).add(v)));
        return F.arrayNode().add("map").add(pairs);
    }

    /** One condition of a {@code where} clause, e.g. {@code ["name","==","br0"]}. */
    public static ArrayNode condition(String column, String function, Object value) {
        return F.arrayNode().add(column).add(function).add(atom(value));
    }

    /** A where clause of conditions, all of which must hold. */
    public static ArrayNode where(ArrayNode... conditions) {
        ArrayNode w = F.arrayNode();
        for (ArrayNode c : conditions) {
            w.add(c);
        }
        return w;
    }

    static JsonNode atom(Object a) {
        if (a instanceof JsonNode j) {
            return j;
        }
        if (a instanceof String s) {
            return F.textNode(s);
        }
        if (a instanceof Integer i) {
            return F.numberNode(i);
        }
        if (a instanceof Long l) {
            return F.numberNode(l);
        }
        if (a instanceof Boolean b) {
            return F.booleanNode(b);
        }
        throw new IllegalArgumentException("not an OVSDB atom: " + a);
    }

    // ------------------------------------------------------------ decode

    /** Elements of a set (or the single atom); uuids stay as {@code ["uuid",u]}. */
    public static List<JsonNode> elements(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull() || v.isMissingNode()) {
            return out;
        }
        if (v.isArray() && v.size() == 2 && "set".equals(v.get(0).asText())) {
            v.get(1).forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    /** A string column, or null when the optional column is empty. */
    public static String string(JsonNode v) {
        List<JsonNode> e = elements(v);
        return e.isEmpty() ? null : e.get(0).asText();
    }

    /** An integer column, or null when the optional column is empty. */
    public static Long integer(JsonNode v) {
        List<JsonNode> e = elements(v);
        return e.isEmpty() ? null : e.get(0).asLong();
    }

    public static Boolean bool(JsonNode v) {
        List<JsonNode> e = elements(v);
        return e.isEmpty() ? null : e.get(0).asBoolean();
    }

    public static List<String> strings(JsonNode v) {
        return elements(v).stream().map(JsonNode::asText).toList();
    }

    /** UUID strings of a set of references. */
    public static List<String> uuids(JsonNode v) {
        return elements(v).stream().map(e -> e.isArray() ? e.get(1).asText() : e.asText()).toList();
    }

    public static Map<String, String> stringMap(JsonNode v) {
        Map<String, String> m = new LinkedHashMap<>();
        if (v != null && v.isArray() && v.size() == 2 && "map".equals(v.get(0).asText())) {
            v.get(1).forEach(pair -> m.put(pair.get(0).asText(), pair.get(1).asText()));
        }
        return m;
    }
}
