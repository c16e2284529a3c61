package io.dataplane.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;

/**
 * Structural equality of API objects through their JSON form: the POJOs have no equals, and "same JSON"
 * is exactly what decides whether a write would change anything on the server.
 */
public final class SpecJson {
    /** Thread-safe once configured; never reconfigured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SpecJson() {
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Same merged intent, ignoring the disruption grant (which the budget, not the merge, decides). */
    public static boolean sameIntent(NfvNodeStateSpec a, NfvNodeStateSpec b) {
        return withoutGrant(a).equals(withoutGrant(b));
    }

    /** Same spec including the grant. */
    public static boolean sameSpec(NfvNodeStateSpec a, NfvNodeStateSpec b) {
        return tree(a == null ? new NfvNodeStateSpec() : a).equals(tree(b == null ? new NfvNodeStateSpec() : b));
    }

    private static JsonNode withoutGrant(NfvNodeStateSpec spec) {
        JsonNode tree = tree(spec == null ? new NfvNodeStateSpec() : spec);
        if (tree instanceof ObjectNode o) {
            o.remove("disruptionAllowed");
        }
        return tree;
    }
}
