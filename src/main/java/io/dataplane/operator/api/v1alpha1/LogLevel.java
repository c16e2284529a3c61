package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Log level. */
public enum LogLevel {
    @JsonProperty("error")
    ERROR("error"),
    @JsonProperty("warn")
    WARN("warn"),
    @JsonProperty("info")
    INFO("info"),
    @JsonProperty("debug")
    DEBUG("debug"),
    @JsonProperty("trace")
    TRACE("trace");

    private final String value;

    LogLevel(String value) {
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
