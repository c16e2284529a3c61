package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Cluster-wide settings and the components the operator rolls out. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NfvOperatorConfigSpec {

    @JsonPropertyDescription("Prefix of device plugin resources, e.g. intel.com.")
    @Default("dataplane.io")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(max = 253)
    private String resourcePrefix;

    @JsonPropertyDescription("Log level of the operator's components.")
    @Default("info")
    private LogLevel logLevel;

    @JsonPropertyDescription("The node agent DaemonSet.")
    private ComponentSpec agent;

    @JsonPropertyDescription("The Multus thick plugin DaemonSet.")
    private ComponentSpec multus;

    @JsonPropertyDescription("The CNI plugin installer DaemonSet.")
    private ComponentSpec cniPlugins;

    @JsonPropertyDescription("The SR-IOV network device plugin DaemonSet.")
    private ComponentSpec devicePlugin;

    @JsonPropertyDescription("Host directory for CNI binaries (/var/lib/cni/bin on OpenShift).")
    @Default("/opt/cni/bin")
    @Pattern("^/.*$")
    private String cniBinDir;

    @JsonPropertyDescription("Host directory for CNI configuration.")
    @Default("/etc/cni/net.d")
    @Pattern("^/.*$")
    private String cniConfDir;

    @JsonPropertyDescription("How nodes are drained before disruptive changes.")
    private DrainSpec drain;

    public String getResourcePrefix() {
        return resourcePrefix;
    }

    public void setResourcePrefix(String resourcePrefix) {
        this.resourcePrefix = resourcePrefix;
    }

    public LogLevel getLogLevel() {
        return logLevel;
    }

    public void setLogLevel(LogLevel logLevel) {
        this.logLevel = logLevel;
    }

    public ComponentSpec getAgent() {
        return agent;
    }

    public void setAgent(ComponentSpec agent) {
        this.agent = agent;
    }

    public ComponentSpec getMultus() {
        return multus;
    }

    public void setMultus(ComponentSpec multus) {
        this.multus = multus;
    }

    public ComponentSpec getCniPlugins() {
        return cniPlugins;
    }

    public void setCniPlugins(ComponentSpec cniPlugins) {
        this.cniPlugins = cniPlugins;
    }

    public ComponentSpec getDevicePlugin() {
        return devicePlugin;
    }

    public void setDevicePlugin(ComponentSpec devicePlugin) {
        this.devicePlugin = devicePlugin;
    }

    public String getCniBinDir() {
        return cniBinDir;
    }

    public void setCniBinDir(String cniBinDir) {
        this.cniBinDir = cniBinDir;
    }

    public String getCniConfDir() {
        return cniConfDir;
    }

    public void setCniConfDir(String cniConfDir) {
        this.cniConfDir = cniConfDir;
    }

    public DrainSpec getDrain() {
        return drain;
    }

    public void setDrain(DrainSpec drain) {
        this.drain = drain;
    }
}
