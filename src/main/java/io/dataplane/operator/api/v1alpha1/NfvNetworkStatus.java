package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What was rendered. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NfvNetworkStatus {

    @JsonPropertyDescription("Generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Name of the rendered NetworkAttachmentDefinition (same namespace).")
    private String networkAttachmentDefinition;

    @JsonPropertyDescription("Full device plugin resource name, with prefix.")
    private String resourceName;

    @JsonPropertyDescription("Ready with a reason.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getNetworkAttachmentDefinition() {
        return networkAttachmentDefinition;
    }

    public void setNetworkAttachmentDefinition(String networkAttachmentDefinition) {
        this.networkAttachmentDefinition = networkAttachmentDefinition;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
