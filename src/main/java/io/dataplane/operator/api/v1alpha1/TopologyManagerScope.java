package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubelet topologyManagerScope. */
public enum TopologyManagerScope {
    @JsonProperty("container")
    CONTAINER("container"),
    @JsonProperty("pod")
    POD("pod");

    private final String value;

    TopologyManagerScope(String value) {
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
