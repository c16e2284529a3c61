package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** virtio-net devices of the VM, advertised as one resource. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NestedVirtioPool {

    @JsonPropertyDescription("PCI addresses of the virtio-net devices (pfNames and rootDevices do not work inside VMs).")
    @Required
    @Size(min = 1, max = 64)
    private List<@Pattern("^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}[.][0-7]$") @Size(max = 12) String> pciAddresses = new ArrayList<>();

    @JsonPropertyDescription("Driver to bind.")
    @Default("vfio-pci")
    private NestedDriver driver;

    @JsonPropertyDescription("Enable vfio no-IOMMU mode (VMs without a vIOMMU).")
    @Default("false")
    private Boolean noIommu;

    @JsonPropertyDescription("Device plugin resource name (no hyphens).")
    @Required
    @Pattern("^[A-Za-z0-9_]{1,63}$")
    private String resourceName;

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
