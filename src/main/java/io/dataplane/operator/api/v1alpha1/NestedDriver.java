package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Driver for virtio devices used by DPDK in a VM. */
public enum NestedDriver {
    @JsonProperty("vfio-pci")
    VFIO_PCI("vfio-pci");

    private final String value;

    NestedDriver(String value) {
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
