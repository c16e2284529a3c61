package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A NUMA node. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NumaNodeInventory {

    @JsonPropertyDescription("Node number.")
    private Integer id;

    @JsonPropertyDescription("CPUs of the node.")
    private String cpus;

    @JsonPropertyDescription("Memory of the node in MiB.")
    private Long memoryMiB;

    public Integer getId() {
        return id;
    }

    public void setId(Integer id) {
        this.id = id;
    }

    public String getCpus() {
        return cpus;
    }

    public void setCpus(String cpus) {
        this.cpus = cpus;
    }

    public Long getMemoryMiB() {
        return memoryMiB;
    }

    public void setMemoryMiB(Long memoryMiB) {
        this.memoryMiB = memoryMiB;
    }
}
