package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Rollout state of one component. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ComponentStatus {

    @JsonPropertyDescription("Component name.")
    private String name;

    @JsonPropertyDescription("Whether it is switched on.")
    private Boolean enabled;

    @JsonPropertyDescription("Image rolled out.")
    private String image;

    @JsonPropertyDescription("Nodes that should run it.")
    private Integer desiredNodes;

    @JsonPropertyDescription("Nodes where it is ready.")
    private Integer readyNodes;

    @JsonPropertyDescription("Nodes running the current version.")
    private Integer updatedNodes;

    @JsonPropertyDescription("Available, Progressing, Degraded.")
    private List<Condition> conditions = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getDesiredNodes() {
        return desiredNodes;
    }

    public void setDesiredNodes(Integer desiredNodes) {
        this.desiredNodes = desiredNodes;
    }

    public Integer getReadyNodes() {
        return readyNodes;
    }

    public void setReadyNodes(Integer readyNodes) {
        this.readyNodes = readyNodes;
    }

    public Integer getUpdatedNodes() {
        return updatedNodes;
    }

    public void setUpdatedNodes(Integer updatedNodes) {
        this.updatedNodes = updatedNodes;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
