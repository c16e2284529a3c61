package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A setting of this policy that another policy overrides on some nodes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PolicyConflict {

    @JsonPropertyDescription("The contested field, e.g. sriov[ens1f0].numVfs.")
    private String field;

    @JsonPropertyDescription("The policy whose value applies.")
    private String winner;

    @JsonPropertyDescription("Affected nodes (at most 10 listed).")
    private List<String> nodes = new ArrayList<>();

    @JsonPropertyDescription("Number of affected nodes.")
    private Integer nodeCount;

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public String getWinner() {
        return winner;
    }

    public void setWinner(String winner) {
        this.winner = winner;
    }

    public List<String> getNodes() {
        return nodes;
    }

    public void setNodes(List<String> nodes) {
        this.nodes = nodes;
    }

    public Integer getNodeCount() {
        return nodeCount;
    }

    public void setNodeCount(Integer nodeCount) {
        this.nodeCount = nodeCount;
    }
}
