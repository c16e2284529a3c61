package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Link type of a PF. */
public enum LinkType {
    @JsonProperty("eth")
    ETH("eth"),
    @JsonProperty("ib")
    IB("ib");

    private final String value;

    LinkType(String value) {
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
