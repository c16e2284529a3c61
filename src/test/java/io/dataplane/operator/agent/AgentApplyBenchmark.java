package io.dataplane.operator.agent;

import io.dataplane.operator.testsupport.OvsdbServerProcess;
import io.dataplane.operator.testsupport.SimulatedHostDirs;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Apply latency of a full node configuration on a simulated host, printed (machines differ, so
 * nothing is asserted but that the apply succeeded): 2 × 32 VFs with vfio-pci and netdevice ranges
 * and MTU, huge pages on both NUMA nodes, the kubelet drop-in, and OVS-DPDK (other_config, a netdev
 * bridge, a dpdk uplink) on a real ovsdb-server. Then a converged pass and the full revert.
 * The simulated kernel is a directory tree (on tmpfs when there is one, as sysfs is in memory), so its
 * file operations are part of the figure; real driver probes and VF creation take longer (the
 * kernel's time, not the agent's). Run: {@code mvn -o -Dtest=AgentApplyBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
@Tag("bench")
class AgentApplyBenchmark {
    /** More rounds ({@code -Dagent.bench.rounds=200}) let the JIT settle when comparing CPU figures. */
    static final int ROUNDS = Integer.getInteger("agent.bench.rounds", 10);
    static final int WARMUP = Math.max(3, ROUNDS / 4);
    static final String SPEC = """
            interfaces:
            - pciAddress: "0000:18:00.0"
              numVfs: 32
              mtu: 9000
              vfGroups: [{deviceType: vfio-pci, first: 0, last: 15}, {deviceType: netdevice, first: 16, last: 31, mtu: 9000}]
            - pciAddress: "0000:86:00.0"
              numVfs: 8
              vfGroups: [{deviceType: netdevice, first: 0, last: 7}]
            - pciAddress: "0000:86:00.1"
              numVfs: 8
              vfGroups: [{deviceType: netdevice, first: 0, last: 7}]
            hugepages: {pages: [{size: 1Gi, count: 8, numaNode: 0}, {size: 1Gi, count: 8, numaNode: 1}, {size: 2Mi, count: 1024, numaNode: 0}]}
            cpu: {reserved: "0-1,16-17", managerPolicy: static, managerPolicyOptions: [full-pcpus-only], topologyManagerPolicy: single-numa-node}
            ovsDpdk:
              socketMemMiB: [1024, 1024]
              lcoreCpus: "0"
              pmdCpus: "2-3"
              bridges: [{name: br-dpdk0, mtu: 9000, uplinks: [{name: dpdk0, pciAddress: "0000:18:00.1"}]}]
            """;

    public static void main(String[] args) throws Exception {
        new AgentApplyBenchmark().fullNodeConfig();
    }

    @Test
    void fullNodeConfig() throws Exception {
        double[] apply = new double[ROUNDS];
        double[] converged = new double[ROUNDS];
        double[] revert = new double[ROUNDS];
        double[] applyCpu = new double[ROUNDS];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int writes = 0;
        for (int r = 0; r < WARMUP + ROUNDS; r++) {
            Path dir = SimulatedHostDirs.create(1, "agent-bench");
            try (OvsdbServerProcess ovs = OvsdbServerProcess.start()) {
                AgentHarness h = new AgentHarness(dir, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0)
                        .nic(HardwareProfile.MELLANOX_CX5, 1).nic(HardwareProfile.INTEL_QAT_4XXX, 0));
                h.ovs = OvsConnector.unixSocket(ovs.socket, Duration.ofSeconds(5));
                h.restartAgent();
                h.reconcile(); // discovery only: the agent's first report
                h.spec(SPEC).grant(true);
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                NfvNodeStateStatus s = h.reconcile();
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                assertThat(s.getSyncStatus()).as(s.getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
                writes = h.host.writes().size();
                h.reconcile();
                long t2 = System.nanoTime();
                h.spec("{}");
                h.reconcile();
                long t3 = System.nanoTime();
                assertThat(h.status().getSyncStatus()).as(h.status().getMessage()).isEqualTo(SyncStatus.SUCCEEDED);
                if (r >= WARMUP) {
                    apply[r - WARMUP] = (t1 - t0) / 1e6;
                    applyCpu[r - WARMUP] = (c1 - c0) / 1e6;
                    converged[r - WARMUP] = (t2 - t1) / 1e6;
                    revert[r - WARMUP] = (t3 - t2) / 1e6;
                }
            } finally {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.printf("[agent-bench] full node config (48 VFs on 3 PFs, 16 vfio-pci + 32 kernel, 3 huge page pools, "
                + "kubelet drop-in, OVS-DPDK): %d sysfs writes%n", writes);
        System.out.printf("[agent-bench] apply (cordon+drain faked, 2 reconciles): median %.1f ms, min %.1f, max %.1f%n",
                median(apply), min(apply), max(apply));
        System.out.printf("[agent-bench] apply, CPU of the agent's thread (the simulated kernel's file operations included,"
                + " ovsdb-server's not): median %.1f ms over %d rounds%n", median(applyCpu), ROUNDS);
        System.out.printf("[agent-bench] converged reconcile (read back, no writes): median %.1f ms%n", median(converged));
        System.out.printf("[agent-bench] full revert: median %.1f ms%n", median(revert));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
