package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Host changes the agent made, so it can revert exactly those. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OwnedHostState {

    @JsonPropertyDescription("PFs whose sriov_numvfs the agent set.")
    private List<String> vfs = new ArrayList<>();

    @JsonPropertyDescription("Devices the agent bound to another driver.")
    private List<String> driverOverrides = new ArrayList<>();

    @JsonPropertyDescription("Huge page pools the agent set, as size/node.")
    private List<String> hugepages = new ArrayList<>();

    @JsonPropertyDescription("The agent wrote the kubelet drop-in file.")
    private Boolean kubeletDropIn;

    @JsonPropertyDescription("OVS bridges the agent created.")
    private List<String> ovsBridges = new ArrayList<>();

    @JsonPropertyDescription("Open_vSwitch other_config keys the agent set.")
    private List<String> ovsOtherConfig = new ArrayList<>();

    public List<String> getVfs() {
        return vfs;
    }

    public void setVfs(List<String> vfs) {
        this.vfs = vfs;
    }

    public List<String> getDriverOverrides() {
        return driverOverrides;
    }

    public void setDriverOverrides(List<String> driverOverrides) {
        this.driverOverrides = driverOverrides;
    }

    public List<String> getHugepages() {
        return hugepages;
    }

    public void setHugepages(List<String> hugepages) {
        this.hugepages = hugepages;
    }

    public Boolean getKubeletDropIn() {
        return kubeletDropIn;
    }

    public void setKubeletDropIn(Boolean kubeletDropIn) {
        this.kubeletDropIn = kubeletDropIn;
    }

    public List<String> getOvsBridges() {
        return ovsBridges;
    }

    public void setOvsBridges(List<String> ovsBridges) {
        this.ovsBridges = ovsBridges;
    }

    public List<String> getOvsOtherConfig() {
        return ovsOtherConfig;
    }

    public void setOvsOtherConfig(List<String> ovsOtherConfig) {
        this.ovsOtherConfig = ovsOtherConfig;
    }
}
