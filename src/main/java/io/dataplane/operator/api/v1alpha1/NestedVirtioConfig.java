package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** virtio devices to bind, with the policy they come from. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NestedVirtioConfig {

    @JsonPropertyDescription("Policy that supplied this pool.")
    private String policy;

    @JsonPropertyDescription("Device addresses.")
    private List<String> pciAddresses = new ArrayList<>();

    @JsonPropertyDescription("Driver to bind.")
    private NestedDriver driver;

    @JsonPropertyDescription("Enable vfio no-IOMMU mode.")
    private Boolean noIommu;

    @JsonPropertyDescription("Resource name (without prefix).")
    private String resourceName;

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public List<String> getPciAddresses() {
        return pciAddresses;
    }

    public void setPciAddresses(List<String> pciAddresses) {
        this.pciAddresses = pciAddresses;
    }

    public NestedDriver getDriver() {
        return driver;
    }

    public void setDriver(NestedDriver driver) {
        this.driver = driver;
    }

    public Boolean getNoIommu() {
        return noIommu;
    }

    public void setNoIommu(Boolean noIommu) {
        this.noIommu = noIommu;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }
}
