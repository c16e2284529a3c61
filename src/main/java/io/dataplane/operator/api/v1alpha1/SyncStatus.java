package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Progress of the node agent. */
public enum SyncStatus {
    @JsonProperty("Succeeded")
    SUCCEEDED("Succeeded"),
    @JsonProperty("InProgress")
    IN_PROGRESS("InProgress"),
    @JsonProperty("Failed")
    FAILED("Failed");

    private final String value;

    SyncStatus(String value) {
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
