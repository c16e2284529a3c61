package io.dataplane.operator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;

/** Status equality as the API server would see it (the API classes have no equals). */
final class StatusComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusComparison() {
    }

    static boolean same(NfvNodeStateStatus a, NfvNodeStateStatus b) {
        return tree(a).equals(tree(b));
    }

    private static JsonNode tree(NfvNodeStateStatus s) {
        return s == null ? JSON.createObjectNode() : JSON.valueToTree(s);
    }
}
