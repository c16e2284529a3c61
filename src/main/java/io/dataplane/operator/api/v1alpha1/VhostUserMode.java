package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Socket role of OVS for a vhost-user port. */
public enum VhostUserMode {
    @JsonProperty("client")
    CLIENT("client"),
    @JsonProperty("server")
    SERVER("server");

    private final String value;

    VhostUserMode(String value) {
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
