package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** CPU partitioning and kubelet CPU/topology manager settings. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.reserved) || !has(self.isolated) || self.reserved.split(',').all(r, self.isolated.split(',').all(i, int(r.split('-')[r.split('-').size() - 1]) < int(i.split('-')[0]) || int(i.split('-')[i.split('-').size() - 1]) < int(r.split('-')[0])))", message = "reserved and isolated CPU sets must be disjoint")
@ValidationRule(value = "!has(self.managerPolicy) || self.managerPolicy != 'static' || has(self.reserved)", message = "reserved is required when managerPolicy is static (the kubelet needs a CPU reservation)", fieldPath = ".reserved")
public class CpuSpec {

    @JsonPropertyDescription("CPUs for the system and kubelet (kubelet reservedSystemCPUs), e.g. 0-1.")
    @Pattern("^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$")
    @Size(max = 128)
    private String reserved;

    @JsonPropertyDescription("CPUs for pinned workloads, e.g. 2-15.")
    @Pattern("^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$")
    @Size(max = 128)
    private String isolated;

    @JsonPropertyDescription("Kubelet cpuManagerPolicy.")
    private CpuManagerPolicy managerPolicy;

    @JsonPropertyDescription("Kubelet cpuManagerPolicyOptions set to true.")
    @Size(max = 8)
    private List<CpuManagerPolicyOption> managerPolicyOptions = new ArrayList<>();

    @JsonPropertyDescription("Kubelet topologyManagerPolicy.")
    private TopologyManagerPolicy topologyManagerPolicy;

    @JsonPropertyDescription("Kubelet topologyManagerScope.")
    private TopologyManagerScope topologyManagerScope;

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
