package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A vhost-user port on an OVS-DPDK bridge. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class VhostUserOptions {

    @JsonPropertyDescription("OVS-DPDK bridge (datapath_type netdev) to add the port to.")
    @Required
    @Pattern("^[A-Za-z0-9_.-]{1,15}$")
    private String bridge;

    @JsonPropertyDescription("Socket role of OVS: client (OVS port type dpdkvhostuserclient, the container is the server; recommended) or server (deprecated dpdkvhostuser).")
    @Default("client")
    private VhostUserMode mode;

    public String getBridge() {
        return bridge;
    }

    public void setBridge(String bridge) {
        this.bridge = bridge;
    }

    public VhostUserMode getMode() {
        return mode;
    }

    public void setMode(VhostUserMode mode) {
        this.mode = mode;
    }
}
