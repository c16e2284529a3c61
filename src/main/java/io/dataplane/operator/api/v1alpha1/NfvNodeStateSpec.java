package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The merged intent for one node, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NfvNodeStateSpec {

    @JsonPropertyDescription("Policies that contribute to this node, highest priority first.")
    private List<String> policies = new ArrayList<>();

    @JsonPropertyDescription("SR-IOV configuration per physical function.")
    private List<InterfaceConfig> interfaces = new ArrayList<>();

    @JsonPropertyDescription("Huge pages to allocate.")
    private NodeHugepagesConfig hugepages;

    @JsonPropertyDescription("CPU and kubelet settings.")
    private NodeCpuConfig cpu;

    @JsonPropertyDescription("OVS-DPDK settings.")
    private NodeOvsDpdkConfig ovsDpdk;

    @JsonPropertyDescription("virtio devices to bind for DPDK in a VM.")
    private List<NestedVirtioConfig> nested = new ArrayList<>();

    @JsonPropertyDescription("Set by the operator when this node may go through a disruptive change (within the policies' maxUnavailable) to apply this generation of the spec. Spent once status.lastAppliedGeneration reaches metadata.generation: the agent no longer uses it and the operator drops it with the next change.")
    private Boolean disruptionAllowed;

    public List<String> getPolicies() {
        return policies;
    }

    public void setPolicies(List<String> policies) {
        this.policies = policies;
    }

    public List<InterfaceConfig> getInterfaces() {
        return interfaces;
    }

    public void setInterfaces(List<InterfaceConfig> interfaces) {
        this.interfaces = interfaces;
    }

    public NodeHugepagesConfig getHugepages() {
        return hugepages;
    }

    public void setHugepages(NodeHugepagesConfig hugepages) {
        this.hugepages = hugepages;
    }

    public NodeCpuConfig getCpu() {
        return cpu;
    }

    public void setCpu(NodeCpuConfig cpu) {
        this.cpu = cpu;
    }

    public NodeOvsDpdkConfig getOvsDpdk() {
        return ovsDpdk;
    }

    public void setOvsDpdk(NodeOvsDpdkConfig ovsDpdk) {
        this.ovsDpdk = ovsDpdk;
    }

    public List<NestedVirtioConfig> getNested() {
        return nested;
    }

    public void setNested(List<NestedVirtioConfig> nested) {
        this.nested = nested;
    }

    public Boolean getDisruptionAllowed() {
        return disruptionAllowed;
    }

    public void setDisruptionAllowed(Boolean disruptionAllowed) {
        this.disruptionAllowed = disruptionAllowed;
    }
}
