package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Devices of a VM handed to DPDK in containers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NestedSpec {

    @JsonPropertyDescription("virtio-net devices to bind for DPDK.")
    @Size(max = 16)
    private List<NestedVirtioPool> virtio = new ArrayList<>();

    public List<NestedVirtioPool> getVirtio() {
        return virtio;
    }

    public void setVirtio(List<NestedVirtioPool> virtio) {
        this.virtio = virtio;
    }
}
