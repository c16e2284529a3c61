package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of network an NfvNetwork renders. */
public enum NetworkType {
    @JsonProperty("sriov")
    SRIOV("sriov"),
    @JsonProperty("vhostuser")
    VHOSTUSER("vhostuser"),
    @JsonProperty("hostdevice")
    HOSTDEVICE("hostdevice");

    private final String value;

    NetworkType(String value) {
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
