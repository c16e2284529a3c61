package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Huge page sizes the operator manages. */
public enum HugepageSize {
    @JsonProperty("2Mi")
    SIZE_2MI("2Mi"),
    @JsonProperty("1Gi")
    SIZE_1GI("1Gi");

    private final String value;

    HugepageSize(String value) {
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
