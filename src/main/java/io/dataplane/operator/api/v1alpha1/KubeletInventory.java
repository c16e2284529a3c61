package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Kubelet settings in effect (from its config and the agent's drop-in). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class KubeletInventory {

    @JsonPropertyDescription("cpuManagerPolicy.")
    private String cpuManagerPolicy;

    @JsonPropertyDescription("reservedSystemCPUs.")
    private String reservedSystemCPUs;

    @JsonPropertyDescription("cpuManagerPolicyOptions set to true.")
    private List<String> cpuManagerPolicyOptions = new ArrayList<>();

    @JsonPropertyDescription("topologyManagerPolicy.")
    private String topologyManagerPolicy;

    @JsonPropertyDescription("topologyManagerScope.")
    private String topologyManagerScope;

    public String getCpuManagerPolicy() {
        return cpuManagerPolicy;
    }

    public void setCpuManagerPolicy(String cpuManagerPolicy) {
        this.cpuManagerPolicy = cpuManagerPolicy;
    }

    public String getReservedSystemCPUs() {
        return reservedSystemCPUs;
    }

    public void setReservedSystemCPUs(String reservedSystemCPUs) {
        this.reservedSystemCPUs = reservedSystemCPUs;
    }

    public List<String> getCpuManagerPolicyOptions() {
        return cpuManagerPolicyOptions;
    }

    public void setCpuManagerPolicyOptions(List<String> cpuManagerPolicyOptions) {
        this.cpuManagerPolicyOptions = cpuManagerPolicyOptions;
    }

    public String getTopologyManagerPolicy() {
        return topologyManagerPolicy;
    }

    public void setTopologyManagerPolicy(String topologyManagerPolicy) {
        this.topologyManagerPolicy = topologyManagerPolicy;
    }

    public String getTopologyManagerScope() {
        return topologyManagerScope;
    }

    public void setTopologyManagerScope(String topologyManagerScope) {
        this.topologyManagerScope = topologyManagerScope;
    }
}
