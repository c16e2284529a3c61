package io.dataplane.operator.api.cni;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The NAD spec: one CNI config or conflist as a JSON string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NetworkAttachmentDefinitionSpec {
    private String config;

    public NetworkAttachmentDefinitionSpec() {
    }

    public NetworkAttachmentDefinitionSpec(String config) {
        this.config = config;
    }

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkAttachmentDefinitionSpec other && Objects.equals(config, other.config);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(config);
    }
}
