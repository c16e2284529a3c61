package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Host inventory discovered by the agent. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeInventory {

    @JsonPropertyDescription("PCI network devices and accelerators.")
    private List<NicInventory> nics = new ArrayList<>();

    @JsonPropertyDescription("CPU topology.")
    private CpuInventory cpus;

    @JsonPropertyDescription("Huge pages per size and NUMA node.")
    private List<HugepageInventory> hugepages = new ArrayList<>();

    @JsonPropertyDescription("Kubelet CPU and topology settings in effect.")
    private KubeletInventory kubelet;

    @JsonPropertyDescription("Open vSwitch state.")
    private OvsInventory ovs;

    @JsonPropertyDescription("vfio enable_unsafe_noiommu_mode is on.")
    private Boolean vfioNoIommu;

    public List<NicInventory> getNics() {
        return nics;
    }

    public void setNics(List<NicInventory> nics) {
        this.nics = nics;
    }

    public CpuInventory getCpus() {
        return cpus;
    }

    public void setCpus(CpuInventory cpus) {
        this.cpus = cpus;
    }

    public List<HugepageInventory> getHugepages() {
        return hugepages;
    }

    public void setHugepages(List<HugepageInventory> hugepages) {
        this.hugepages = hugepages;
    }

    public KubeletInventory getKubelet() {
        return kubelet;
    }

    public void setKubelet(KubeletInventory kubelet) {
        this.kubelet = kubelet;
    }

    public OvsInventory getOvs() {
        return ovs;
    }

    public void setOvs(OvsInventory ovs) {
        this.ovs = ovs;
    }

    public Boolean getVfioNoIommu() {
        return vfioNoIommu;
    }

    public void setVfioNoIommu(Boolean vfioNoIommu) {
        this.vfioNoIommu = vfioNoIommu;
    }
}
