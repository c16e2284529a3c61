package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a pool's devices are for. */
public enum DeviceClass {
    @JsonProperty("network")
    NETWORK("network"),
    @JsonProperty("accelerator")
    ACCELERATOR("accelerator");

    private final String value;

    DeviceClass(String value) {
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
