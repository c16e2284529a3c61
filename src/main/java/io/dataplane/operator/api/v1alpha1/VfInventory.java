package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A virtual function. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VfInventory {

    @JsonPropertyDescription("VF index (virtfnN).")
    private Integer index;

    @JsonPropertyDescription("PCI address.")
    private String pciAddress;

    @JsonPropertyDescription("Device id (hex).")
    private String deviceID;

    @JsonPropertyDescription("Bound driver.")
    private String driver;

    @JsonPropertyDescription("Interface name for kernel VFs.")
    private String name;

    @JsonPropertyDescription("MTU for kernel VFs.")
    private Integer mtu;

    @JsonPropertyDescription("MAC address.")
    private String mac;

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    public String getPciAddress() {
        return pciAddress;
    }

    public void setPciAddress(String pciAddress) {
        this.pciAddress = pciAddress;
    }

    public String getDeviceID() {
        return deviceID;
    }

    public void setDeviceID(String deviceID) {
        this.deviceID = deviceID;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
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
}
