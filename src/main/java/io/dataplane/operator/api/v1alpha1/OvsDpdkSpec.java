package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** OVS-DPDK configuration of the node's Open vSwitch. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OvsDpdkSpec {

    @JsonPropertyDescription("Huge page memory in MiB per NUMA socket for DPDK (dpdk-socket-mem); needs an ovs-vswitchd restart.")
    @Size(max = 8)
    private List<Integer> socketMemMiB = new ArrayList<>();

    @JsonPropertyDescription("CPUs for non-PMD DPDK threads (dpdk-lcore-mask).")
    @Pattern("^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$")
    @Size(max = 128)
    private String lcoreCpus;

    @JsonPropertyDescription("CPUs for PMD threads (pmd-cpu-mask); applied live.")
    @Pattern("^[0-9]{1,4}(-[0-9]{1,4})?(,[0-9]{1,4}(-[0-9]{1,4})?)*$")
    @Size(max = 128)
    private String pmdCpus;

    @JsonPropertyDescription("Userspace (netdev) bridges.")
    @Size(max = 16)
    @ValidationRule(value = "self.all(a, self.exists_one(b, b.name == a.name))", message = "bridge names must be unique")
    private List<OvsBridge> bridges = new ArrayList<>();

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
