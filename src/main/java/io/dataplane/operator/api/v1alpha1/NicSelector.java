package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Selects physical functions; all given fields must match. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NicSelector {

    @JsonPropertyDescription("PCI vendor id in hex, e.g. 8086.")
    @Pattern("^[0-9a-fA-F]{4}$")
    private String vendor;

    @JsonPropertyDescription("PCI device id of the PF in hex, e.g. 1592.")
    @Pattern("^[0-9a-fA-F]{4}$")
    private String deviceID;

    @JsonPropertyDescription("PF interface names, optionally with a VF range: ens1f0#0-3 uses VFs 0 to 3 only.")
    @Size(max = 32)
    @ValidationRule(value = "self.all(p, !p.contains('#') || int(p.split('#')[1].split('-')[0]) <= int(p.split('#')[1].split('-')[1]))", message = "a VF range '#first-last' needs first <= last")
    private List<@Pattern("^[A-Za-z0-9_.:-]{1,15}(#[0-9]{1,3}-[0-9]{1,3})?$") @Size(max = 23) String> pfNames = new ArrayList<>();

    @JsonPropertyDescription("PF PCI addresses, optionally with a VF range: 0000:86:00.0#0-1.")
    @Size(max = 32)
    @ValidationRule(value = "self.all(p, !p.contains('#') || int(p.split('#')[1].split('-')[0]) <= int(p.split('#')[1].split('-')[1]))", message = "a VF range '#first-last' needs first <= last")
    private List<@Pattern("^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}[.][0-7](#[0-9]{1,3}-[0-9]{1,3})?$") @Size(max = 20) String> rootDevices = new ArrayList<>();

    @JsonPropertyDescription("Cloud network filter, e.g. openstack/NetworkID:<uuid>.")
    @Size(max = 256)
    private String netFilter;

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

    public List<String> getPfNames() {
        return pfNames;
    }

    public void setPfNames(List<String> pfNames) {
        this.pfNames = pfNames;
    }

    public List<String> getRootDevices() {
        return rootDevices;
    }

    public void setRootDevices(List<String> rootDevices) {
        this.rootDevices = rootDevices;
    }

    public String getNetFilter() {
        return netFilter;
    }

    public void setNetFilter(String netFilter) {
        this.netFilter = netFilter;
    }
}
