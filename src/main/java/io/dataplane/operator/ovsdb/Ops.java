package io.dataplane.operator.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builders for RFC 7047 transaction operations (section 5.2). */
public final class Ops {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Ops() {
    }

    public static ObjectNode insert(String table, ObjectNode row, String uuidName) {
        ObjectNode op = op("insert", table).set("row", row);
        if (uuidName != null) {
            op.put("uuid-name", uuidName);
        }
        return op;
    }

    public static ObjectNode select(String table, ArrayNode where, String... columns) {
        ObjectNode op = op("select", table).set("where", where);
        if (columns.length > 0) {
            ArrayNode cols = op.putArray("columns");
            for (String c : columns) {
                cols.add(c);
            }
        }
        return op;
    }

    public static ObjectNode update(String table, ArrayNode where, ObjectNode row) {
        return op("update", table).<ObjectNode>set("where", where).set("row", row);
    }

    /** Mutations are {@code [column, mutator, value]}, e.g. {@code ["next_cfg","+=",1]}. */
    public static ObjectNode mutate(String table, ArrayNode where, List<ArrayNode> mutations) {
        ArrayNode m = F.arrayNode();
        mutations.forEach(m::add);
        return op("mutate", table).<ObjectNode>set("where", where).set("mutations", m);
    }

    public static ArrayNode mutation(String column, String mutator, JsonNode value) {
        return F.arrayNode().add(column).add(mutator).add(value);
    }

    public static ObjectNode delete(String table, ArrayNode where) {
        return op("delete", table).set("where", where);
    }

    /**
     * Waits (up to timeoutMs, 0 = check once) until the rows selected by where, projected on
     * columns, are equal ("==") or not equal ("!=") to rows; else the transaction fails.
     */
    public static ObjectNode waitFor(String table, ArrayNode where, List<String> columns, String until,
            List<ObjectNode> rows, long timeoutMs) {
        ObjectNode op = op("wait", table).set("where", where);
        ArrayNode cols = op.putArray("columns");
        columns.forEach(cols::add);
        op.put("until", until);
        ArrayNode r = op.putArray("rows");
        rows.forEach(r::add);
        op.put("timeout", timeoutMs);
        return op;
    }

    public static ObjectNode comment(String text) {
        ObjectNode op = F.objectNode();
        op.put("op", "comment");
        op.put("comment", text);
        return op;
    }

    /** A row for insert/update. */
    public static ObjectNode row() {
        return F.objectNode();
    }

    private static ObjectNode op(String name, String table) {
        ObjectNode op = F.objectNode();
        op.put("op", name);
        op.put("table", table);
        return op;
    }
}
