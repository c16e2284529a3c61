package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A PCI device (NIC PF, virtio-net or accelerator). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NicInventory {

    @JsonPropertyDescription("PCI address.")
    private String pciAddress;

    @JsonPropertyDescription("Vendor id (hex).")
    private String vendor;

    @JsonPropertyDescription("Device id (hex).")
    private String deviceID;

    @JsonPropertyDescription("network, accelerator or virtio.")
    @JsonProperty("class")
    private String deviceClass;

    @JsonPropertyDescription("Bound driver, if any.")
    private String driver;

    @JsonPropertyDescription("NUMA node (-1 when unknown).")
    private Integer numaNode;

    @JsonPropertyDescription("Interface name when a kernel netdev exists.")
    private String name;

    @JsonPropertyDescription("MTU.")
    private Integer mtu;

    @JsonPropertyDescription("MAC address.")
    private String mac;

    @JsonPropertyDescription("Link speed; absent while the link is down or unknown.")
    private Integer speedMbps;

    @JsonPropertyDescription("operstate (up, down, ...).")
    private String linkState;

    @JsonPropertyDescription("sriov_totalvfs.")
    private Integer totalVfs;

    @JsonPropertyDescription("sriov_numvfs.")
    private Integer numVfs;

    @JsonPropertyDescription("Device id of this PF's VFs (hex).")
    private String vfDeviceID;

    @JsonPropertyDescription("Virtual functions.")
    private List<VfInventory> vfs = new ArrayList<>();

    public String getPciAddress() {
        return pciAddress;
    }

    public void setPciAddress(String pciAddress) {
        this.pciAddress = pciAddress;
    }

    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }

    public String getDeviceID() {
        return deviceID;
    }

    public void setDeviceID(String deviceID) {
        this.deviceID = deviceID;
    }

    public String getDeviceClass() {
        return deviceClass;
    }

    public void setDeviceClass(String deviceClass) {
        this.deviceClass = deviceClass;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    public Integer getNumaNode() {
        return numaNode;
    }

    public void setNumaNode(Integer numaNode) {
        this.numaNode = numaNode;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public Integer getSpeedMbps() {
        return speedMbps;
    }

    public void setSpeedMbps(Integer speedMbps) {
        this.speedMbps = speedMbps;
    }

    public String getLinkState() {
        return linkState;
    }

    public void setLinkState(String linkState) {
        this.linkState = linkState;
    }

    public Integer getTotalVfs() {
        return totalVfs;
    }

    public void setTotalVfs(Integer totalVfs) {
        this.totalVfs = totalVfs;
    }

    public Integer getNumVfs() {
        return numVfs;
    }

    public void setNumVfs(Integer numVfs) {
        this.numVfs = numVfs;
    }

    public String getVfDeviceID() {
        return vfDeviceID;
    }

    public void setVfDeviceID(String vfDeviceID) {
        this.vfDeviceID = vfDeviceID;
    }

    public List<VfInventory> getVfs() {
        return vfs;
    }

    public void setVfs(List<VfInventory> vfs) {
        this.vfs = vfs;
    }
}
