package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubelet cpuManagerPolicy. */
public enum CpuManagerPolicy {
    @JsonProperty("none")
    NONE("none"),
    @JsonProperty("static")
    STATIC("static");

    private final String value;

    CpuManagerPolicy(String value) {
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
