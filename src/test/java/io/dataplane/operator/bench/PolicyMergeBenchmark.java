package io.dataplane.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.api.v1alpha1.CpuInventory;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.NumaNodeInventory;
import io.dataplane.operator.policy.DevicePluginConfigRenderer;
import io.dataplane.operator.policy.NodeIntent;
import io.dataplane.operator.policy.PolicyMerger;
import io.dataplane.operator.policy.PolicySet;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Merge cost for 1,000 nodes × 20 policies, printed (not asserted: machines differ). Run with
 * {@code mvn -o -Dtest=PolicyMergeBenchmark -Dsurefire.failIfNoSpecifiedTests=false test} or as a plain
 * main. The class name does not match surefire's default includes, so a normal test run skips it.
 */
@Tag("bench")
class PolicyMergeBenchmark {
    static final int NODES = 1000;
    static final int POLICIES = 20;
    static final int ROUNDS = 15;
    static final int WARMUP = 5;

    public static void main(String[] args) throws Exception {
        new PolicyMergeBenchmark().mergeThousandNodesTwentyPolicies();
    }

    @Test
    void mergeThousandNodesTwentyPolicies() throws Exception {
        List<NfvNodePolicy> policies = policies();
        List<Map<String, String>> labels = new ArrayList<>();
        List<NodeInventory> inventories = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            labels.add(Map.of("kubernetes.io/hostname", "node-" + i, "role", i % 10 == 0 ? "infra" : "worker",
                    "rack", "rack-" + (i % 20), "nic", i % 2 == 0 ? "e810" : "cx6"));
            inventories.add(inventory(i));
        }

        long[] passNs = new long[ROUNDS];
        long compileNs = 0;
        int conflicts = 0;
        int interfaces = 0;
        for (int r = 0; r < WARMUP + ROUNDS; r++) {
            long t0 = System.nanoTime();
            PolicySet set = PolicySet.of(policies);
            long t1 = System.nanoTime();
            conflicts = 0;
            interfaces = 0;
            for (int i = 0; i < NODES; i++) {
                NodeIntent intent = PolicyMerger.merge(set, "node-" + i, labels.get(i), inventories.get(i));
                conflicts += intent.conflicts().size();
                interfaces += intent.spec().getInterfaces().size();
            }
            long t2 = System.nanoTime();
            if (r >= WARMUP) {
                passNs[r - WARMUP] = t2 - t1;
                compileNs = t1 - t0;
            }
        }
        Arrays.sort(passNs);
        long median = passNs[ROUNDS / 2];

        // Device plugin rendering for the same nodes (what the reconciler does after each merge).
        PolicySet set = PolicySet.of(policies);
        long renderNs = Long.MAX_VALUE;
        for (int r = 0; r < WARMUP + 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < NODES; i++) {
                NodeIntent intent = PolicyMerger.merge(set, "node-" + i, labels.get(i), inventories.get(i));
                DevicePluginConfigRenderer.render(intent.spec(), inventories.get(i), "dataplane.io");
            }
            renderNs = Math.min(renderNs, System.nanoTime() - t0);
        }

        System.out.printf("policy merge benchmark: %d nodes x %d policies (%d interfaces, %d conflicts per pass)%n",
                NODES, POLICIES, interfaces, conflicts);
        System.out.printf("  compile PolicySet: %.3f ms%n", compileNs / 1e6);
        System.out.printf("  merge, median of %d passes: %d ns/node, %.1f ms total (min %.1f ms, max %.1f ms)%n",
                ROUNDS, median / NODES, median / 1e6, passNs[0] / 1e6, passNs[ROUNDS - 1] / 1e6);
        System.out.printf("  merge + device plugin render, best pass: %d ns/node, %.1f ms total%n",
                renderNs / NODES, renderNs / 1e6);
        // Not a timing assertion: only that the benchmark merged what it claims to.
        assertThat(interfaces).isGreaterThan(NODES);
    }

    /** 20 policies in the shapes a cluster has: cluster-wide defaults, per-rack overrides, per-NIC pools. */
    static List<NfvNodePolicy> policies() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<NfvNodePolicy> out = new ArrayList<>();
        out.add(yaml.readValue("""
                metadata: {name: workers-hugepages}
                spec:
                  nodeSelector: {matchLabels: {role: worker}}
                  hugepages: {defaultSize: 1Gi, pages: [{size: 1Gi, count: 8, numaNode: 0}, {size: 1Gi, count: 8, numaNode: 1}]}
                """, NfvNodePolicy.class));
        out.add(yaml.readValue("""
                metadata: {name: workers-cpu}
                spec:
                  nodeSelector: {matchLabels: {role: worker}}
                  cpu: {managerPolicy: static, reserved: "0-1", isolated: "2-31", topologyManagerPolicy: single-numa-node}
                """, NfvNodePolicy.class));
        out.add(yaml.readValue("""
                metadata: {name: workers-ovs}
                spec:
                  nodeSelector: {matchLabels: {role: worker}}
                  ovsDpdk: {socketMemMiB: [1024, 1024], pmdCpus: "2-3", bridges: [{name: br-dpdk0}]}
                """, NfvNodePolicy.class));
        out.add(yaml.readValue("""
                metadata: {name: e810-dpdk}
                spec:
                  nodeSelector: {matchLabels: {nic: e810}}
                  sriov: [{name: dpdk, resourceName: e810_dpdk, numVfs: 16, deviceType: vfio-pci, nicSelector: {pfNames: ["ens1f0#0-7", "ens1f1#0-7"]}}]
                """, NfvNodePolicy.class));
        out.add(yaml.readValue("""
                metadata: {name: e810-kernel}
                spec:
                  nodeSelector: {matchLabels: {nic: e810}}
                  sriov: [{name: kern, resourceName: e810_kernel, numVfs: 16, mtu: 9000, nicSelector: {pfNames: ["ens1f0#8-15", "ens1f1#8-15"]}}]
                """, NfvNodePolicy.class));
        out.add(yaml.readValue("""
                metadata: {name: cx6-dpdk}
                spec:
                  nodeSelector: {matchLabels: {nic: cx6}}
                  sriov: [{name: dpdk, resourceName: cx6_dpdk, numVfs: 8, deviceType: vfio-pci, nicSelector: {vendor: "15b3", deviceID: "101d"}}]
                """, NfvNodePolicy.class));
        for (int rack = 0; rack < 14; rack++) {
            // Rack overrides: some agree with the defaults, some contest them (conflicts are part of the cost).
            String body = switch (rack % 3) {
                case 0 -> "hugepages: {pages: [{size: 2Mi, count: 2048}]}";
                case 1 -> "sriov: [{name: r" + rack + ", resourceName: rack_kernel, numVfs: 16, nicSelector: {pfNames: [\"ens1f0#12-15\"]}}]";
                default -> "cpu: {managerPolicy: static, reserved: \"0-3\"}";
            };
            out.add(yaml.readValue("metadata: {name: rack-" + rack + "}\nspec:\n  nodeSelector: {matchLabels: {rack: rack-" + rack
                    + "}}\n  priority: " + (rack % 2 == 0 ? 10 : -10) + "\n  " + body + "\n", NfvNodePolicy.class));
        }
        assertThat(out).hasSize(POLICIES);
        return out;
    }

    static NodeInventory inventory(int i) {
        NodeInventory inv = new NodeInventory();
        List<NicInventory> nics = new ArrayList<>();
        nics.add(nic("0000:01:00.0", "8086", "1521", "eno1", null));
        if (i % 2 == 0) {
            nics.add(nic("0000:86:00.0", "8086", "1592", "ens1f0", 64));
            nics.add(nic("0000:86:00.1", "8086", "1592", "ens1f1", 64));
        } else {
            nics.add(nic("0000:af:00.0", "15b3", "101d", "ens3f0np0", 16));
            nics.add(nic("0000:af:00.1", "15b3", "101d", "ens3f1np1", 16));
        }
        inv.setNics(nics);
        CpuInventory cpus = new CpuInventory();
        cpus.setOnline("0-63");
        NumaNodeInventory n0 = new NumaNodeInventory();
        n0.setId(0);
        n0.setMemoryMiB(196608L);
        NumaNodeInventory n1 = new NumaNodeInventory();
        n1.setId(1);
        n1.setMemoryMiB(196608L);
        cpus.setNumaNodes(List.of(n0, n1));
        inv.setCpus(cpus);
        return inv;
    }

    static NicInventory nic(String pci, String vendor, String device, String name, Integer totalVfs) {
        NicInventory n = new NicInventory();
        n.setPciAddress(pci);
        n.setVendor(vendor);
        n.setDeviceID(device);
        n.setName(name);
        n.setDeviceClass("network");
        n.setTotalVfs(totalVfs);
        return n;
    }
}
