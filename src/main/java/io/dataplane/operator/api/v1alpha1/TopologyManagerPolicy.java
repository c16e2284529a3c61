package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubelet topologyManagerPolicy. */
public enum TopologyManagerPolicy {
    @JsonProperty("none")
    NONE("none"),
    @JsonProperty("best-effort")
    BEST_EFFORT("best-effort"),
    @JsonProperty("restricted")
    RESTRICTED("restricted"),
    @JsonProperty("single-numa-node")
    SINGLE_NUMA_NODE("single-numa-node");

    private final String value;

    TopologyManagerPolicy(String value) {
        this.value = value;
    }

    /** The value as written in the API. */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
