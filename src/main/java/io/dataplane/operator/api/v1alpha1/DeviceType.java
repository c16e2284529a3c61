package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Driver a VF is bound to. */
public enum DeviceType {
    @JsonProperty("netdevice")
    NETDEVICE("netdevice"),
    @JsonProperty("vfio-pci")
    VFIO_PCI("vfio-pci");

    private final String value;

    DeviceType(String value) {
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
