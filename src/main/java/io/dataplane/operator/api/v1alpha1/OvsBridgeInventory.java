package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** An OVS bridge. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OvsBridgeInventory {

    @JsonPropertyDescription("Bridge name.")
    private String name;

    @JsonPropertyDescription("datapath_type.")
    private String datapathType;

    @JsonPropertyDescription("Ports.")
    private List<OvsPortInventory> ports = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDatapathType() {
        return datapathType;
    }

    public void setDatapathType(String datapathType) {
        this.datapathType = datapathType;
    }

    public List<OvsPortInventory> getPorts() {
        return ports;
    }

    public void setPorts(List<OvsPortInventory> ports) {
        this.ports = ports;
    }
}
