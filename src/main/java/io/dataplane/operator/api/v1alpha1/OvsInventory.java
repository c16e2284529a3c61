package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Open vSwitch as seen through OVSDB. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OvsInventory {

    @JsonPropertyDescription("The agent could talk to ovsdb-server.")
    private Boolean reachable;

    @JsonPropertyDescription("Open_vSwitch dpdk_initialized.")
    private Boolean dpdkInitialized;

    @JsonPropertyDescription("ovs_version.")
    private String ovsVersion;

    @JsonPropertyDescription("dpdk_version.")
    private String dpdkVersion;

    @JsonPropertyDescription("iface_types this build supports.")
    private List<String> ifaceTypes = new ArrayList<>();

    @JsonPropertyDescription("Open_vSwitch other_config.")
    private Map<String, String> otherConfig;

    @JsonPropertyDescription("Bridges.")
    private List<OvsBridgeInventory> bridges = new ArrayList<>();

    public Boolean getReachable() {
        return reachable;
    }

    public void setReachable(Boolean reachable) {
        this.reachable = reachable;
    }

    public Boolean getDpdkInitialized() {
        return dpdkInitialized;
    }

    public void setDpdkInitialized(Boolean dpdkInitialized) {
        this.dpdkInitialized = dpdkInitialized;
    }

    public String getOvsVersion() {
        return ovsVersion;
    }

    public void setOvsVersion(String ovsVersion) {
        this.ovsVersion = ovsVersion;
    }

    public String getDpdkVersion() {
        return dpdkVersion;
    }

    public void setDpdkVersion(String dpdkVersion) {
        this.dpdkVersion = dpdkVersion;
    }

    public List<String> getIfaceTypes() {
        return ifaceTypes;
    }

    public void setIfaceTypes(List<String> ifaceTypes) {
        this.ifaceTypes = ifaceTypes;
    }

    public Map<String, String> getOtherConfig() {
        return otherConfig;
    }

    public void setOtherConfig(Map<String, String> otherConfig) {
        this.otherConfig = otherConfig;
    }

    public List<OvsBridgeInventory> getBridges() {
        return bridges;
    }

    public void setBridges(List<OvsBridgeInventory> bridges) {
        this.bridges = bridges;
    }
}
