package io.dataplane.operator.bench;

import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the scale benchmark applies: five node policies (SR-IOV pools on the E810 and the ConnectX-5,
 * huge pages, CPU, OVS-DPDK) selecting every fake node, and two NfvNetworks per node spread over one
 * namespace per 20 nodes (1,000 nodes: 2,000 networks in 50 namespaces, as the issue asks; smaller
 * sizes scale both). Pure data: no API access.
 */
final class Workload {
    /** Label every benchmark node carries; the policies select it. */
    static final String WORKER_LABEL = "node-role.kubernetes.io/worker";
    /**
     * Only the fleet's nodes carry it, so the OVS-DPDK policy skips the probe node: the agent process
     * measured alone simulates its node without an OVSDB (see {@link AgentProbe}).
     */
    static final String OVS_LABEL = "bench.dataplane.io/ovs-dpdk";
    /** The policy and pool the steady-state phase edits (one pool's MTU). */
    static final String EDITED_POLICY = "bench-sriov-cx5";
    static final int EDITED_MTU_BEFORE = 1500;
    static final int EDITED_MTU_AFTER = 9000;

    private Workload() {
    }

    static int networksFor(int nodes) {
        return 2 * nodes;
    }

    static int namespacesFor(int nodes) {
        return Math.max(5, nodes / 20);
    }

    static List<String> namespaces(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s-%02d", prefix, i)).toList();
    }

    /**
     * The five policies. {@code maxUnavailable: 100%} because the benchmark measures how fast the
     * operator and the API move intent to nodes, not how long a deliberate one-node-at-a-time rollout
     * of 1,000 disruptive changes takes (that is the budget working as asked, a different question).
     */
    static List<NfvNodePolicy> policies() {
        List<NfvNodePolicy> out = new ArrayList<>();
        out.add(policy("""
                metadata: {name: bench-sriov-e810}
                spec:
                  nodeSelector: {matchLabels: {"%s": ""}}
                  priority: 10
                  maxUnavailable: "100%%"
                  sriov:
                  - {name: netdevice, resourceName: e810_netdevice, numVfs: 16, mtu: 9000, deviceType: netdevice,
                     nicSelector: {vendor: "8086", deviceID: "1592", pfNames: ["ens1f0#0-7"]}}
                  - {name: dpdk, resourceName: e810_dpdk, numVfs: 16, mtu: 9000, deviceType: vfio-pci,
                     nicSelector: {vendor: "8086", deviceID: "1592", pfNames: ["ens1f0#8-15"]}}
                """.formatted(WORKER_LABEL)));
        out.add(policy("""
                metadata: {name: %s}
                spec:
                  nodeSelector: {matchLabels: {"%s": ""}}
                  maxUnavailable: "100%%"
                  sriov:
                  - {name: cx5, resourceName: cx5_netdevice, numVfs: 4, mtu: %d, deviceType: netdevice,
                     nicSelector: {vendor: "15b3", deviceID: "1017", pfNames: ["ens2f0"]}}
                """.formatted(EDITED_POLICY, WORKER_LABEL, EDITED_MTU_BEFORE)));
        out.add(policy("""
                metadata: {name: bench-hugepages}
                spec:
                  nodeSelector: {matchLabels: {"%s": ""}}
                  maxUnavailable: "100%%"
                  hugepages:
                    defaultSize: 1Gi
                    pages: [{size: 1Gi, count: 4, numaNode: 0}, {size: 1Gi, count: 4, numaNode: 1}]
                """.formatted(WORKER_LABEL)));
        out.add(policy("""
                metadata: {name: bench-cpu}
                spec:
                  nodeSelector: {matchLabels: {"%s": ""}}
                  maxUnavailable: "100%%"
                  cpu: {reserved: "0-1", isolated: "2-15", managerPolicy: static, managerPolicyOptions: [full-pcpus-only],
                        topologyManagerPolicy: single-numa-node, topologyManagerScope: pod}
                """.formatted(WORKER_LABEL)));
        out.add(policy("""
                metadata: {name: bench-ovs-dpdk}
                spec:
                  nodeSelector: {matchLabels: {"%s": "true"}}
                  maxUnavailable: "100%%"
                  ovsDpdk:
                    socketMemMiB: [1024, 1024]
                    lcoreCpus: "1"
                    pmdCpus: "2-3"
                    bridges: [{name: br-dpdk0, mtu: 9000}]
                """.formatted(OVS_LABEL)));
        return out;
    }

    /**
     * Network {@code i} of the run, in namespace {@code i % namespaces}: SR-IOV kernel VFs with a VLAN
     * and IPAM, SR-IOV DPDK VFs, a vhost-user port on the OVS-DPDK bridge, and CX-5 VFs, in turn.
     */
    static NfvNetwork network(int i, List<String> namespaces) {
        String ns = namespaces.get(i % namespaces.size());
        String name = String.format("net-%04d", i);
        int vlan = 100 + i % 3900;
        String subnet = "10." + (64 + i / 256 % 64) + "." + (i % 256) + ".0/24";
        String spec = switch (i % 4) {
            case 0 -> "{type: sriov, resourceName: e810_netdevice, sriov: {vlan: %d, spoofChk: true, trust: false},"
                    .formatted(vlan) + " ipam: {type: host-local, subnet: \"" + subnet + "\"}}";
            case 1 -> "{type: sriov, resourceName: e810_dpdk, sriov: {vlan: %d, trust: true, spoofChk: false}}".formatted(vlan);
            case 2 -> "{type: vhostuser, vhostUser: {bridge: br-dpdk0, mode: client}, ipam: {type: host-local, subnet: \""
                    + subnet + "\"}}";
            default -> "{type: sriov, resourceName: cx5_netdevice, sriov: {vlan: %d, linkState: auto},".formatted(vlan)
                    + " ipam: {type: host-local, subnet: \"" + subnet + "\"}}";
        };
        return Serialization.unmarshal("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvNetwork
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(name, ns, spec), NfvNetwork.class);
    }

    static List<NfvNetwork> networks(int count, List<String> namespaces) {
        return IntStream.range(0, count).mapToObj(i -> network(i, namespaces)).toList();
    }

    /**
     * NfvOperatorConfig {@code default} with every component off, created before the operator starts
     * (which then leaves it alone): the fake nodes run simulated agents, and four DaemonSets of fake pods
     * on every node would measure kube-scheduler and KWOK rather than this operator.
     */
    static NfvOperatorConfig operatorConfig() {
        return Serialization.unmarshal("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvOperatorConfig
                metadata: {name: default}
                spec:
                  resourcePrefix: dataplane.io
                  agent: {enabled: false}
                  multus: {enabled: false}
                  cniPlugins: {enabled: false}
                  devicePlugin: {enabled: false}
                """, NfvOperatorConfig.class);
    }

    private static NfvNodePolicy policy(String yaml) {
        return Serialization.unmarshal("apiVersion: nfv.dataplane.io/v1alpha1\nkind: NfvNodePolicy\n" + yaml, NfvNodePolicy.class);
    }
}
