package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An OVS interface. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OvsPortInventory {

    @JsonPropertyDescription("Interface name.")
    private String name;

    @JsonPropertyDescription("Interface type (dpdk, dpdkvhostuserclient, internal, ...).")
    private String type;

    @JsonPropertyDescription("OpenFlow port number; -1 when the port failed.")
    private Long ofport;

    @JsonPropertyDescription("Interface error, if any.")
    private String error;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Long getOfport() {
        return ofport;
    }

    public void setOfport(Long ofport) {
        this.ofport = ofport;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }
}
