package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** Desired SR-IOV configuration of one PF. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InterfaceConfig {

    @JsonPropertyDescription("PF PCI address.")
    @Required
    @Pattern("^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]$")
    private String pciAddress;

    @JsonPropertyDescription("PF interface name at discovery time.")
    private String name;

    @JsonPropertyDescription("VFs to create.")
    @Min(0)
    @Max(256)
    private Integer numVfs;

    @JsonPropertyDescription("PF and kernel VF MTU.")
    @Min(576)
    @Max(9216)
    private Integer mtu;

    @JsonPropertyDescription("Link type.")
    private LinkType linkType;

    @JsonPropertyDescription("VF ranges and what they are for.")
    private List<VfGroupConfig> vfGroups = new ArrayList<>();

    public String getPciAddress() {
        return pciAddress;
    }

    public void setPciAddress(String pciAddress) {
        this.pciAddress = pciAddress;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    public LinkType getLinkType() {
        return linkType;
    }

    public void setLinkType(LinkType linkType) {
        this.linkType = linkType;
    }

    public List<VfGroupConfig> getVfGroups() {
        return vfGroups;
    }

    public void setVfGroups(List<VfGroupConfig> vfGroups) {
        this.vfGroups = vfGroups;
    }
}
