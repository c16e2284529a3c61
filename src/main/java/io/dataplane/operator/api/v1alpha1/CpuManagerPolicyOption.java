package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubelet cpuManagerPolicyOptions. */
public enum CpuManagerPolicyOption {
    @JsonProperty("full-pcpus-only")
    FULL_PCPUS_ONLY("full-pcpus-only"),
    @JsonProperty("distribute-cpus-across-numa")
    DISTRIBUTE_CPUS_ACROSS_NUMA("distribute-cpus-across-numa"),
    @JsonProperty("align-by-socket")
    ALIGN_BY_SOCKET("align-by-socket"),
    @JsonProperty("strict-cpu-reservation")
    STRICT_CPU_RESERVATION("strict-cpu-reservation");

    private final String value;

    CpuManagerPolicyOption(String value) {
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
