package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A network that pods attach to by name; rendered into a NetworkAttachmentDefinition. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.sriov) || self.type == 'sriov'", message = "sriov options are only allowed with type sriov", fieldPath = ".sriov")
@ValidationRule(value = "!has(self.vhostUser) || self.type == 'vhostuser'", message = "vhostUser options are only allowed with type vhostuser", fieldPath = ".vhostUser")
@ValidationRule(value = "self.type != 'vhostuser' || has(self.vhostUser)", message = "type vhostuser needs vhostUser.bridge", fieldPath = ".vhostUser")
@ValidationRule(value = "self.type == 'vhostuser' || has(self.resourceName)", message = "resourceName is required for types sriov and hostdevice", fieldPath = ".resourceName")
public class NfvNetworkSpec {

    @JsonPropertyDescription("sriov (a VF, kernel or vfio-pci), vhostuser (a port on an OVS-DPDK bridge) or hostdevice (a whole device, e.g. virtio in a VM).")
    @Required
    private NetworkType type;

    @JsonPropertyDescription("Device plugin resource (without prefix) that provides the devices; the operator adds the configured prefix.")
    @Pattern("^[A-Za-z0-9_]{1,63}$")
    private String resourceName;

    @JsonPropertyDescription("VF attributes for type sriov.")
    private SriovNetworkOptions sriov;

    @JsonPropertyDescription("Port options for type vhostuser.")
    private VhostUserOptions vhostUser;

    @JsonPropertyDescription("CNI IPAM configuration passed through as is, e.g. {type: host-local, subnet: 10.56.217.0/24}.")
    @PreserveUnknownFields
    private JsonNode ipam;

    @JsonPropertyDescription("CNI capabilities to enable, e.g. ips, mac.")
    private Map<String, Boolean> capabilities;

    @JsonPropertyDescription("Chained CNI plugins (e.g. tuning, sbr) appended after the main plugin; turns the config into a conflist.")
    @PreserveUnknownFields
    @Size(max = 8)
    private List<JsonNode> metaPlugins = new ArrayList<>();

    public NetworkType getType() {
        return type;
    }

    public void setType(NetworkType type) {
        this.type = type;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    public SriovNetworkOptions getSriov() {
        return sriov;
    }

    public void setSriov(SriovNetworkOptions sriov) {
        this.sriov = sriov;
    }

    public VhostUserOptions getVhostUser() {
        return vhostUser;
    }

    public void setVhostUser(VhostUserOptions vhostUser) {
        this.vhostUser = vhostUser;
    }

    public JsonNode getIpam() {
        return ipam;
    }

    public void setIpam(JsonNode ipam) {
        this.ipam = ipam;
    }

    public Map<String, Boolean> getCapabilities() {
        return capabilities;
    }

    public void setCapabilities(Map<String, Boolean> capabilities) {
        this.capabilities = capabilities;
    }

    public List<JsonNode> getMetaPlugins() {
        return metaPlugins;
    }

    public void setMetaPlugins(List<JsonNode> metaPlugins) {
        this.metaPlugins = metaPlugins;
    }
}
