package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/** Desired dataplane configuration for every node the selector matches. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NfvNodePolicySpec {

    @JsonPropertyDescription("Nodes this policy applies to. An empty selector selects every node.")
    @Required
    private LabelSelector nodeSelector;

    @JsonPropertyDescription("Higher wins when two policies set the same thing on one node (like PriorityClass); ties go to the policy whose name sorts first.")
    @Default("0")
    @Min(-1000000)
    @Max(1000000)
    private Integer priority;

    @JsonPropertyDescription("How many selected nodes may be in a disruptive change (VF count, driver, huge pages, kubelet CPU policy, OVS-DPDK memory) at once: a number or a percentage. Defaults to 1.")
    @ValidationRule(value = "type(self) == int ? self >= 0 : self.matches('^(100|[1-9]?[0-9])%$')", message = "maxUnavailable must be a non-negative integer or a percentage such as 25%")
    private IntOrString maxUnavailable;

    @JsonPropertyDescription("SR-IOV virtual function pools carved out of matching physical functions.")
    @Size(max = 32)
    @ValidationRule(value = "self.all(a, self.exists_one(b, b.name == a.name))", message = "pool names must be unique within a policy")
    private List<SriovPool> sriov = new ArrayList<>();

    @JsonPropertyDescription("Huge pages to allocate on the node.")
    private HugepagesSpec hugepages;

    @JsonPropertyDescription("CPU isolation and kubelet CPU/topology manager settings.")
    private CpuSpec cpu;

    @JsonPropertyDescription("OVS-DPDK settings and userspace bridges for vhost-user east-west traffic.")
    private OvsDpdkSpec ovsDpdk;

    @JsonPropertyDescription("DPDK inside a VM (nested): virtio devices handed to DPDK through vfio-pci.")
    private NestedSpec nested;

    public LabelSelector getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(LabelSelector nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    public IntOrString getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(IntOrString maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }

    public List<SriovPool> getSriov() {
        return sriov;
    }

    public void setSriov(List<SriovPool> sriov) {
        this.sriov = sriov;
    }

    public HugepagesSpec getHugepages() {
        return hugepages;
    }

    public void setHugepages(HugepagesSpec hugepages) {
        this.hugepages = hugepages;
    }

    public CpuSpec getCpu() {
        return cpu;
    }

    public void setCpu(CpuSpec cpu) {
        this.cpu = cpu;
    }

    public OvsDpdkSpec getOvsDpdk() {
        return ovsDpdk;
    }

    public void setOvsDpdk(OvsDpdkSpec ovsDpdk) {
        this.ovsDpdk = ovsDpdk;
    }

    public NestedSpec getNested() {
        return nested;
    }

    public void setNested(NestedSpec nested) {
        this.nested = nested;
    }
}
