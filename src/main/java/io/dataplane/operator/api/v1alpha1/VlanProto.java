package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** VLAN protocol. */
public enum VlanProto {
    @JsonProperty("802.1q")
    DOT1Q("802.1q"),
    @JsonProperty("802.1ad")
    DOT1AD("802.1ad");

    private final String value;

    VlanProto(String value) {
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
