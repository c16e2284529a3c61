package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Huge page allocation. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HugepagesSpec {

    @JsonPropertyDescription("Default huge page size of the node (kernel default_hugepagesz).")
    private HugepageSize defaultSize;

    @JsonPropertyDescription("Pages to allocate per size and, optionally, per NUMA node.")
    @Size(max = 16)
    @ValidationRule(value = "self.all(a, self.exists_one(b, b.size == a.size && (has(b.numaNode) ? b.numaNode : -1) == (has(a.numaNode) ? a.numaNode : -1)))", message = "each size and numaNode pair may appear only once")
    private List<HugepageAllocation> pages = new ArrayList<>();

    public HugepageSize getDefaultSize() {
        return defaultSize;
    }

    public void setDefaultSize(HugepageSize defaultSize) {
        this.defaultSize = defaultSize;
    }

    public List<HugepageAllocation> getPages() {
        return pages;
    }

    public void setPages(List<HugepageAllocation> pages) {
        this.pages = pages;
    }
}
