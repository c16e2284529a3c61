package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** CPUs of the host. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CpuInventory {

    @JsonPropertyDescription("Online CPUs as a list, e.g. 0-31.")
    private String online;

    @JsonPropertyDescription("NUMA nodes.")
    private List<NumaNodeInventory> numaNodes = new ArrayList<>();

    @JsonPropertyDescription("Hyper-thread sibling groups, e.g. 0,16.")
    private List<String> smtSiblings = new ArrayList<>();

    public String getOnline() {
        return online;
    }

    public void setOnline(String online) {
        this.online = online;
    }

    public List<NumaNodeInventory> getNumaNodes() {
        return numaNodes;
    }

    public void setNumaNodes(List<NumaNodeInventory> numaNodes) {
        this.numaNodes = numaNodes;
    }

    public List<String> getSmtSiblings() {
        return smtSiblings;
    }

    public void setSmtSiblings(List<String> smtSiblings) {
        this.smtSiblings = smtSiblings;
    }
}
