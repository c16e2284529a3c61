package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** VF link state. */
public enum LinkState {
    @JsonProperty("auto")
    AUTO("auto"),
    @JsonProperty("enable")
    ENABLE("enable"),
    @JsonProperty("disable")
    DISABLE("disable");

    private final String value;

    LinkState(String value) {
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
