package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** CPU settings for the node, with the policy they come from. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeCpuConfig {

    @JsonPropertyDescription("Policy that supplied this section.")
    private String policy;

    @JsonPropertyDescription("reservedSystemCPUs.")
    private String reserved;

    @JsonPropertyDescription("Isolated CPUs.")
    private String isolated;

    @JsonPropertyDescription("cpuManagerPolicy.")
    private CpuManagerPolicy managerPolicy;

    @JsonPropertyDescription("cpuManagerPolicyOptions.")
    private List<CpuManagerPolicyOption> managerPolicyOptions = new ArrayList<>();

    @JsonPropertyDescription("topologyManagerPolicy.")
    private TopologyManagerPolicy topologyManagerPolicy;

    @JsonPropertyDescription("topologyManagerScope.")
    private TopologyManagerScope topologyManagerScope;

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getReserved() {
        return reserved;
    }

    public void setReserved(String reserved) {
        this.reserved = reserved;
    }

    public String getIsolated() {
        return isolated;
    }

    public void setIsolated(String isolated) {
        this.isolated = isolated;
    }

    public CpuManagerPolicy getManagerPolicy() {
        return managerPolicy;
    }

    public void setManagerPolicy(CpuManagerPolicy managerPolicy) {
        this.managerPolicy = managerPolicy;
    }

    public List<CpuManagerPolicyOption> getManagerPolicyOptions() {
        return managerPolicyOptions;
    }

    public void setManagerPolicyOptions(List<CpuManagerPolicyOption> managerPolicyOptions) {
        this.managerPolicyOptions = managerPolicyOptions;
    }

    public TopologyManagerPolicy getTopologyManagerPolicy() {
        return topologyManagerPolicy;
    }

    public void setTopologyManagerPolicy(TopologyManagerPolicy topologyManagerPolicy) {
        this.topologyManagerPolicy = topologyManagerPolicy;
    }

    public TopologyManagerScope getTopologyManagerScope() {
        return topologyManagerScope;
    }

    public void setTopologyManagerScope(TopologyManagerScope topologyManagerScope) {
        this.topologyManagerScope = topologyManagerScope;
    }
}
