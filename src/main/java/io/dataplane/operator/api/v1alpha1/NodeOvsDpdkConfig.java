package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** OVS-DPDK settings for the node, with the policy they come from. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeOvsDpdkConfig {

    @JsonPropertyDescription("Policy that supplied this section.")
    private String policy;

    @JsonPropertyDescription("dpdk-socket-mem per NUMA socket.")
    private List<Integer> socketMemMiB = new ArrayList<>();

    @JsonPropertyDescription("CPUs for dpdk-lcore-mask.")
    private String lcoreCpus;

    @JsonPropertyDescription("CPUs for pmd-cpu-mask.")
    private String pmdCpus;

    @JsonPropertyDescription("Userspace bridges.")
    private List<OvsBridge> bridges = new ArrayList<>();

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public List<Integer> getSocketMemMiB() {
        return socketMemMiB;
    }

    public void setSocketMemMiB(List<Integer> socketMemMiB) {
        this.socketMemMiB = socketMemMiB;
    }

    public String getLcoreCpus() {
        return lcoreCpus;
    }

    public void setLcoreCpus(String lcoreCpus) {
        this.lcoreCpus = lcoreCpus;
    }

    public String getPmdCpus() {
        return pmdCpus;
    }

    public void setPmdCpus(String pmdCpus) {
        this.pmdCpus = pmdCpus;
    }

    public List<OvsBridge> getBridges() {
        return bridges;
    }

    public void setBridges(List<OvsBridge> bridges) {
        this.bridges = bridges;
    }
}
