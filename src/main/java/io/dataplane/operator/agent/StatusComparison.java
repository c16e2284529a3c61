package io.dataplane.operator.agent;

import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.policy.SpecJson;

/** Status equality as the API server would see it (the API classes have no equals). */
final class StatusComparison {

    private StatusComparison() {
    }

    static boolean same(NfvNodeStateStatus a, NfvNodeStateStatus b) {
        return SpecJson.sameJson(a == null ? new NfvNodeStateStatus() : a, b == null ? new NfvNodeStateStatus() : b);
    }
}
