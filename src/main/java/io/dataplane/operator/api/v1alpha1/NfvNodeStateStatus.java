package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the node agent found and did. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NfvNodeStateStatus {

    @JsonPropertyDescription("Generation of the spec the agent last read.")
    private Long observedGeneration;

    @JsonPropertyDescription("Generation of the spec last applied completely.")
    private Long lastAppliedGeneration;

    @JsonPropertyDescription("Succeeded, InProgress or Failed.")
    private SyncStatus syncStatus;

    @JsonPropertyDescription("What happened, in plain language.")
    private String message;

    @JsonPropertyDescription("The agent needs a disruptive change (and waits for spec.disruptionAllowed).")
    private Boolean disruptionRequired;

    @JsonPropertyDescription("The agent cordoned the node and has not yet uncordoned it.")
    private Boolean cordoned;

    @JsonPropertyDescription("Host services that must restart for applied settings to take effect (kubelet, ovs-vswitchd).")
    private List<String> restartsRequired = new ArrayList<>();

    @JsonPropertyDescription("What the host has.")
    private NodeInventory inventory;

    @JsonPropertyDescription("What the agent changed on the host and will revert when intent disappears.")
    private OwnedHostState owned;

    @JsonPropertyDescription("Ready, Progressing, Degraded with reasons.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Long getLastAppliedGeneration() {
        return lastAppliedGeneration;
    }

    public void setLastAppliedGeneration(Long lastAppliedGeneration) {
        this.lastAppliedGeneration = lastAppliedGeneration;
    }

    public SyncStatus getSyncStatus() {
        return syncStatus;
    }

    public void setSyncStatus(SyncStatus syncStatus) {
        this.syncStatus = syncStatus;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Boolean getDisruptionRequired() {
        return disruptionRequired;
    }

    public void setDisruptionRequired(Boolean disruptionRequired) {
        this.disruptionRequired = disruptionRequired;
    }

    public Boolean getCordoned() {
        return cordoned;
    }

    public void setCordoned(Boolean cordoned) {
        this.cordoned = cordoned;
    }

    public List<String> getRestartsRequired() {
        return restartsRequired;
    }

    public void setRestartsRequired(List<String> restartsRequired) {
        this.restartsRequired = restartsRequired;
    }

    public NodeInventory getInventory() {
        return inventory;
    }

    public void setInventory(NodeInventory inventory) {
        this.inventory = inventory;
    }

    public OwnedHostState getOwned() {
        return owned;
    }

    public void setOwned(OwnedHostState owned) {
        this.owned = owned;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
