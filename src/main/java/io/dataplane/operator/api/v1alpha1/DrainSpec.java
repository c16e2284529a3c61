package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Drain behaviour for disruptive changes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DrainSpec {

    @JsonPropertyDescription("Cordon and drain a node before a disruptive change; false only cordons.")
    @Default("true")
    private Boolean enabled;

    @JsonPropertyDescription("Give up draining after this long and report it.")
    @Default("600")
    @Min(0)
    private Integer timeoutSeconds;

    @JsonPropertyDescription("Evict pods that use emptyDir volumes.")
    @Default("true")
    private Boolean deleteEmptyDirData;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Boolean getDeleteEmptyDirData() {
        return deleteEmptyDirData;
    }

    public void setDeleteEmptyDirData(Boolean deleteEmptyDirData) {
        this.deleteEmptyDirData = deleteEmptyDirData;
    }
}
