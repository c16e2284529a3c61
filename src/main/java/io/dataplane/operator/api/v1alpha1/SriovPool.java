package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** A pool of VFs on the PFs that match a NIC selector, advertised as one device plugin resource. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SriovPool {

    @JsonPropertyDescription("Pool name, unique within the policy.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @Size(max = 63)
    private String name;

    @JsonPropertyDescription("Device plugin resource name (without prefix and without hyphens), e.g. intel_sriov_dpdk.")
    @Required
    @Pattern("^[A-Za-z0-9_]{1,63}$")
    private String resourceName;

    @JsonPropertyDescription("Which physical functions the pool uses.")
    @Required
    private NicSelector nicSelector;

    @JsonPropertyDescription("Number of VFs to create on each selected PF.")
    @Required
    @Min(0)
    @Max(256)
    private Integer numVfs;

    @JsonPropertyDescription("MTU for the PF and its kernel VFs.")
    @Min(576)
    @Max(9216)
    private Integer mtu;

    @JsonPropertyDescription("Driver for the pool's VFs: netdevice (kernel driver) or vfio-pci (DPDK).")
    @Default("netdevice")
    private DeviceType deviceType;

    @JsonPropertyDescription("Link type of the PF.")
    @Default("eth")
    private LinkType linkType;

    @JsonPropertyDescription("network for NIC VFs, accelerator for e.g. QAT VFs (device plugin deviceType accelerator).")
    @Default("network")
    @JsonProperty("class")
    private DeviceClass deviceClass;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    public NicSelector getNicSelector() {
        return nicSelector;
    }

    public void setNicSelector(NicSelector nicSelector) {
        this.nicSelector = nicSelector;
    }

    public Integer getNumVfs() {
        return numVfs;
    }

    public void setNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    public DeviceType getDeviceType() {
        return deviceType;
    }

    public void setDeviceType(DeviceType deviceType) {
        this.deviceType = deviceType;
    }

    public LinkType getLinkType() {
        return linkType;
    }

    public void setLinkType(LinkType linkType) {
        this.linkType = linkType;
    }

    public DeviceClass getDeviceClass() {
        return deviceClass;
    }

    public void setDeviceClass(DeviceClass deviceClass) {
        this.deviceClass = deviceClass;
    }
}
