package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A range of VFs of one PF that belongs to one pool. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VfGroupConfig {

    @JsonPropertyDescription("Policy the range comes from.")
    private String policy;

    @JsonPropertyDescription("Pool name within that policy.")
    private String pool;

    @JsonPropertyDescription("Device plugin resource name (without prefix).")
    private String resourceName;

    @JsonPropertyDescription("Driver for the VFs.")
    private DeviceType deviceType;

    @JsonPropertyDescription("network or accelerator.")
    @JsonProperty("class")
    private DeviceClass deviceClass;

    @JsonPropertyDescription("First VF index.")
    private Integer first;

    @JsonPropertyDescription("Last VF index.")
    private Integer last;

    @JsonPropertyDescription("MTU for kernel VFs.")
    private Integer mtu;

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    public DeviceType getDeviceType() {
        return deviceType;
    }

    public void setDeviceType(DeviceType deviceType) {
        this.deviceType = deviceType;
    }

    public DeviceClass getDeviceClass() {
        return deviceClass;
    }

    public void setDeviceClass(DeviceClass deviceClass) {
        this.deviceClass = deviceClass;
    }

    public Integer getFirst() {
        return first;
    }

    public void setFirst(Integer first) {
        this.first = first;
    }

    public Integer getLast() {
        return last;
    }

    public void setLast(Integer last) {
        this.last = last;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }
}
