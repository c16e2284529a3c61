package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A number of huge pages of one size, on one NUMA node or spread by the kernel. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HugepageAllocation {

    @JsonPropertyDescription("Page size.")
    @Required
    private HugepageSize size;

    @JsonPropertyDescription("Number of pages.")
    @Required
    @Min(0)
    @Max(1048576)
    private Integer count;

    @JsonPropertyDescription("NUMA node to allocate on; absent means the kernel spreads them.")
    @Min(0)
    @Max(63)
    private Integer numaNode;

    public HugepageSize getSize() {
        return size;
    }

    public void setSize(HugepageSize size) {
        this.size = size;
    }

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public Integer getNumaNode() {
        return numaNode;
    }

    public void setNumaNode(Integer numaNode) {
        this.numaNode = numaNode;
    }
}
