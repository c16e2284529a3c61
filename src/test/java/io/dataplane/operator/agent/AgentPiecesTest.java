package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.CpuMask;
import io.dataplane.operator.agent.apply.KubeletConfigReader;
import io.dataplane.operator.agent.apply.KubeletDropIn;
import io.dataplane.operator.agent.apply.OwnedState;
import io.dataplane.operator.agent.apply.OwnedStateStore;
import io.dataplane.operator.agent.cluster.KubernetesNodeControlFilters;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.api.v1alpha1.KubeletInventory;
import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.host.RootedHostFs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent's small pure pieces, table-driven. */
class AgentPiecesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            0,          0x1
            0-1,        0x3
            2-5,        0x3c
            '1,3',      0xa
            '0,16',     0x10001
            64,         0x10000000000000000
            """)
    void cpuListsBecomeOvsHexMasks(String cpus, String mask) {
        assertThat(CpuMask.of(cpus)).isEqualTo(mask);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no NICs, no pages                         | {}                                                                                        | {}
            SR-IOV capable, no VFs                    | {nics: [{class: network, totalVfs: 64}]}                                                 | {nfv.dataplane.io/sriov-capable: 'true'}
            VFs configured                            | {nics: [{class: network, totalVfs: 64, numVfs: 8}]}                                      | {nfv.dataplane.io/sriov-capable: 'true', nfv.dataplane.io/sriov-configured: 'true'}
            accelerator VFs are not network SR-IOV    | {nics: [{class: accelerator, totalVfs: 16, numVfs: 4}]}                                  | {}
            DPDK running in OVS                       | {ovs: {reachable: true, dpdkInitialized: true}}                                          | {nfv.dataplane.io/dpdk-ready: 'true'}
            OVS without DPDK                          | {ovs: {reachable: true, dpdkInitialized: false}}                                         | {}
            huge pages of one size                    | {hugepages: [{size: 1Gi, numaNode: 0, total: 4}, {size: 2Mi, numaNode: 0, total: 0}]}    | {nfv.dataplane.io/hugepages-1Gi: 'true'}
            """)
    void capabilityLabelsOnlyForWhatTheHostHas(String name, String inventory, String labels) throws Exception {
        NodeInventory inv = AgentHarness.YAML.readValue(inventory, NodeInventory.class);
        Map<?, ?> want = AgentHarness.YAML.readValue(labels, Map.class);
        assertThat(NodeCapabilities.labels(inv)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            static with reserved CPUs          | {managerPolicy: static, reserved: '0-1'}                           |
            static without reserved CPUs       | {managerPolicy: static}                                            | static needs reserved CPUs
            options without static             | {managerPolicy: none, managerPolicyOptions: [full-pcpus-only]}     | need cpuManagerPolicy static
            topology only                      | {topologyManagerPolicy: single-numa-node}                          |
            """)
    void kubeletSettingsTheKubeletWouldRefuseAreCaughtFirst(String name, String cpu, String problem) throws Exception {
        NodeCpuConfig c = AgentHarness.YAML.readValue(cpu, NodeCpuConfig.class);
        if (problem == null) {
            assertThat(KubeletDropIn.invalid(c)).isEmpty();
        } else {
            assertThat(KubeletDropIn.invalid(c)).hasValueSatisfying(m -> assertThat(m).contains(problem));
        }
    }

    @Test
    void isolatedCpusAloneWriteNoDropIn() throws Exception {
        assertThat(KubeletDropIn.render(AgentHarness.YAML.readValue("{isolated: '2-15'}", NodeCpuConfig.class))).isEmpty();
        assertThat(KubeletDropIn.render(null)).isEmpty();
    }

    @Test
    void laterDropInsOverrideTheMainConfigField(@TempDir Path root) {
        RootedHostFs fs = new RootedHostFs(root);
        AgentPaths paths = AgentPaths.defaults();
        fs.writeFile(paths.kubeletConfig(), """
                kind: KubeletConfiguration
                cpuManagerPolicy: none
                topologyManagerPolicy: best-effort
                cpuManagerPolicyOptions: {full-pcpus-only: "true"}
                """);
        fs.writeFile(paths.kubeletDropInDir() + "/10-site.conf", "cpuManagerPolicy: static\nreservedSystemCPUs: \"0\"\n");
        fs.writeFile(paths.kubeletDropInDir() + "/20-other.conf", "cpuManagerPolicyOptions: {full-pcpus-only: \"false\"}\n");
        fs.writeFile(paths.kubeletDropInDir() + "/30-ignored.yaml", "cpuManagerPolicy: none\n");
        KubeletInventory k = new KubeletConfigReader(fs, paths).read();
        assertThat(k.getCpuManagerPolicy()).isEqualTo("static");
        assertThat(k.getReservedSystemCPUs()).isEqualTo("0");
        assertThat(k.getTopologyManagerPolicy()).as("kept from the main file").isEqualTo("best-effort");
        assertThat(k.getCpuManagerPolicyOptions()).as("only options set to true").isEmpty();
        assertThat(new KubeletConfigReader(new RootedHostFs(root.resolve("empty")), paths).read()).as("no kubelet at all").isNull();
    }

    @Test
    void ownedStateKeepsNothingBeforeAsNull(@TempDir Path root) {
        RootedHostFs fs = new RootedHostFs(root);
        OwnedStateStore store = new OwnedStateStore(fs, "/var/lib/dataplane-agent");
        OwnedState s = new OwnedState();
        s.drivers.put("0000:18:01.0", null); // the VF had no driver before the agent bound it
        s.ovsOtherConfig.put("dpdk-init", null);
        s.numVfs.put("0000:18:00.0", 0);
        store.save(s);
        OwnedState back = new OwnedStateStore(fs, "/var/lib/dataplane-agent").load().orElseThrow();
        assertThat(back.drivers).containsEntry("0000:18:01.0", null);
        assertThat(back.ovsOtherConfig).containsEntry("dpdk-init", null);
        assertThat(back.numVfs).containsEntry("0000:18:00.0", 0);
        assertThat(back.toApi().getDriverOverrides()).containsExactly("0000:18:01.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Deployment's pod is evicted         | true  | {metadata: {name: a, ownerReferences: [{kind: ReplicaSet, name: r, uid: u, apiVersion: apps/v1, controller: true}]}}
            a bare pod is evicted                 | true  | {metadata: {name: b}}
            a DaemonSet pod stays                 | false | {metadata: {name: c, ownerReferences: [{kind: DaemonSet, name: d, uid: u, apiVersion: apps/v1, controller: true}]}}
            a mirror (static) pod stays           | false | {metadata: {name: m, annotations: {kubernetes.io/config.mirror: abc}}}
            a finished pod needs no eviction      | false | {metadata: {name: f}, status: {phase: Succeeded}}
            """)
    void whichPodsADrainEvicts(String name, boolean evicted, String pod) throws Exception {
        assertThat(KubernetesNodeControlFilters.evicted(AgentHarness.YAML.readValue(pod, GenericKubernetesResource.class))).isEqualTo(evicted);
    }

    /** Pods read as generic objects: emptyDir found in the raw spec, whatever else the volume list holds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no spec                      | false | {metadata: {name: a}}
            no volumes                   | false | {metadata: {name: a}, spec: {containers: [{name: c}]}}
            a configMap volume           | false | {metadata: {name: a}, spec: {volumes: [{name: v, configMap: {name: m}}]}}
            an emptyDir among others     | true  | {metadata: {name: a}, spec: {volumes: [{name: v, configMap: {name: m}}, {name: s, emptyDir: {}}]}}
            an emptyDir in memory        | true  | {metadata: {name: a}, spec: {volumes: [{name: s, emptyDir: {medium: Memory}}]}}
            """)
    void whichPodsHoldEmptyDirData(String name, boolean emptyDir, String pod) throws Exception {
        assertThat(KubernetesNodeControlFilters.hasEmptyDir(AgentHarness.YAML.readValue(pod, GenericKubernetesResource.class)))
                .isEqualTo(emptyDir);
    }
}
