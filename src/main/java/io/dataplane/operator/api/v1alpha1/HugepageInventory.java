package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Huge pages of one size on one NUMA node (or global when numaNode is absent). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HugepageInventory {

    @JsonPropertyDescription("Page size.")
    private HugepageSize size;

    @JsonPropertyDescription("NUMA node.")
    private Integer numaNode;

    @JsonPropertyDescription("nr_hugepages.")
    private Integer total;

    @JsonPropertyDescription("free_hugepages.")
    private Integer free;

    public HugepageSize getSize() {
        return size;
    }

    public void setSize(HugepageSize size) {
        this.size = size;
    }

    public Integer getNumaNode() {
        return numaNode;
    }

    public void setNumaNode(Integer numaNode) {
        this.numaNode = numaNode;
    }

    public Integer getTotal() {
        return total;
    }

    public void setTotal(Integer total) {
        this.total = total;
    }

    public Integer getFree() {
        return free;
    }

    public void setFree(Integer free) {
        this.free = free;
    }
}
