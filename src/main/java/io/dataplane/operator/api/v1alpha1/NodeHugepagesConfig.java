package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Huge pages for the node, with the policy they come from. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeHugepagesConfig {

    @JsonPropertyDescription("Policy that supplied this section.")
    private String policy;

    @JsonPropertyDescription("Default huge page size.")
    private HugepageSize defaultSize;

    @JsonPropertyDescription("Allocations.")
    private List<HugepageAllocation> pages = new ArrayList<>();

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

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
