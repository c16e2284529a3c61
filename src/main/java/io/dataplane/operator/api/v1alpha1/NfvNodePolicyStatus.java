package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the policy achieved. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NfvNodePolicyStatus {

    @JsonPropertyDescription("Generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Nodes the selector matches.")
    private Integer matchedNodes;

    @JsonPropertyDescription("Matched nodes whose state is in sync with this policy's generation.")
    private Integer readyNodes;

    @JsonPropertyDescription("Where this policy lost to another one.")
    private List<PolicyConflict> conflicts = new ArrayList<>();

    @JsonPropertyDescription("Ready, Progressing, Degraded.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getMatchedNodes() {
        return matchedNodes;
    }

    public void setMatchedNodes(Integer matchedNodes) {
        this.matchedNodes = matchedNodes;
    }

    public Integer getReadyNodes() {
        return readyNodes;
    }

    public void setReadyNodes(Integer readyNodes) {
        this.readyNodes = readyNodes;
    }

    public List<PolicyConflict> getConflicts() {
        return conflicts;
    }

    public void setConflicts(List<PolicyConflict> conflicts) {
        this.conflicts = conflicts;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
