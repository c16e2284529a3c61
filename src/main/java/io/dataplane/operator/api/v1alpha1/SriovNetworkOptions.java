package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** VF attributes set through the PF by sriov-cni. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = "!has(self.vlanQoS) || (has(self.vlan) && self.vlan > 0)", message = "vlanQoS needs a non-zero vlan", fieldPath = ".vlanQoS")
@ValidationRule(value = "!has(self.vlanProto) || (has(self.vlan) && self.vlan > 0)", message = "vlanProto needs a non-zero vlan", fieldPath = ".vlanProto")
@ValidationRule(value = "!has(self.minTxRate) || !has(self.maxTxRate) || self.maxTxRate == 0 || self.minTxRate <= self.maxTxRate", message = "minTxRate must not exceed maxTxRate", fieldPath = ".minTxRate")
public class SriovNetworkOptions {

    @JsonPropertyDescription("VLAN id; 0 means untagged.")
    @Min(0)
    @Max(4094)
    private Integer vlan;

    @JsonPropertyDescription("VLAN priority (802.1p), needs vlan.")
    @Min(0)
    @Max(7)
    private Integer vlanQoS;

    @JsonPropertyDescription("VLAN protocol.")
    private VlanProto vlanProto;

    @JsonPropertyDescription("MAC spoof checking on the VF.")
    private Boolean spoofChk;

    @JsonPropertyDescription("Trusted VF (may change MAC, enable promiscuous mode).")
    private Boolean trust;

    @JsonPropertyDescription("VF link state.")
    private LinkState linkState;

    @JsonPropertyDescription("Minimum transmit rate in Mbps.")
    @Min(0)
    @Max(400000)
    private Integer minTxRate;

    @JsonPropertyDescription("Maximum transmit rate in Mbps; 0 means unlimited.")
    @Min(0)
    @Max(400000)
    private Integer maxTxRate;

    public Integer getVlan() {
        return vlan;
    }

    public void setVlan(Integer vlan) {
        this.vlan = vlan;
    }

    public Integer getVlanQoS() {
        return vlanQoS;
    }

    public void setVlanQoS(Integer vlanQoS) {
        this.vlanQoS = vlanQoS;
    }

    public VlanProto getVlanProto() {
        return vlanProto;
    }

    public void setVlanProto(VlanProto vlanProto) {
        this.vlanProto = vlanProto;
    }

    public Boolean getSpoofChk() {
        return spoofChk;
    }

    public void setSpoofChk(Boolean spoofChk) {
        this.spoofChk = spoofChk;
    }

    public Boolean getTrust() {
        return trust;
    }

    public void setTrust(Boolean trust) {
        this.trust = trust;
    }

    public LinkState getLinkState() {
        return linkState;
    }

    public void setLinkState(LinkState linkState) {
        this.linkState = linkState;
    }

    public Integer getMinTxRate() {
        return minTxRate;
    }

    public void setMinTxRate(Integer minTxRate) {
        this.minTxRate = minTxRate;
    }

    public Integer getMaxTxRate() {
        return maxTxRate;
    }

    public void setMaxTxRate(Integer maxTxRate) {
        this.maxTxRate = maxTxRate;
    }
}
