package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** An OVS bridge with datapath_type=netdev. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OvsBridge {

    @JsonPropertyDescription("Bridge name.")
    @Required
    @Pattern("^[A-Za-z0-9_.-]{1,15}$")
    @Size(max = 15)
    private String name;

    @JsonPropertyDescription("MTU of the bridge's ports (mtu_request).")
    @Min(576)
    @Max(9216)
    private Integer mtu;

    @JsonPropertyDescription("Physical DPDK ports on this bridge.")
    @Size(max = 8)
    private List<OvsUplink> uplinks = new ArrayList<>();

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

    public List<OvsUplink> getUplinks() {
        return uplinks;
    }

    public void setUplinks(List<OvsUplink> uplinks) {
        this.uplinks = uplinks;
    }
}
