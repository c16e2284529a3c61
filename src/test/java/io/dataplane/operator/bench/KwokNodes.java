package io.dataplane.operator.bench;

import io.dataplane.operator.testbed.ControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * KWOK fake nodes for the benchmark. The {@code kwok} process is started with the flags of
 * {@code scripts/kwok.sh} (same stages file, same annotation selector, pidfile in the control plane's
 * {@code pids/} so {@code controlplane.sh stop} ends it) except one: the node lease duration. KWOK
 * renews every lease each quarter of it, so kwok.sh's 40 s means 100 lease writes per second at 1,000
 * nodes — load on the shared API server that is neither the operator's nor the floor's. 120 s (a
 * renewal every 30 s) still beats kube-controller-manager's 50 s node-monitor grace period.
 *
 * <p>Nodes are created here in parallel (kwok.sh applies them one by one with kubectl), with the labels,
 * annotations and capacity kwok.sh gives them, plus {@link Workload#OVS_LABEL} on fleet nodes.
 */
final class KwokNodes {
    private KwokNodes() {
    }

    static void startKwok(ControlPlane cp, int leaseSeconds) {
        Path bin = toolsBin().resolve("kwok");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("missing " + bin + ": run `make tools` (scripts/tools.sh)");
        }
        Path log = cp.dir().resolve("logs/kwok.log");
        try {
            Files.createDirectories(cp.dir().resolve("pids"));
            Process p = new ProcessBuilder(List.of("setsid", bin.toString(),
                    "--kubeconfig=" + cp.dir().resolve("kwok.kubeconfig"),
                    "--config=" + cp.repoRoot().resolve("scripts/kwok/stages.yaml"),
                    "--manage-all-nodes=false",
                    "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                    "--cidr=10.244.0.0/16",
                    "--node-lease-duration-seconds=" + leaseSeconds))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Files.writeString(cp.dir().resolve("pids/kwok.pid"), p.pid() + "\n");
            Thread.sleep(500);
            if (!p.isAlive()) {
                throw new IllegalStateException("kwok exited at start; log: " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The node kwok.sh would create, labelled for the benchmark. */
    static Node node(String name, boolean ovs) {
        Map<String, String> labels = new TreeMap<>(Map.of(
                "kubernetes.io/hostname", name,
                "kubernetes.io/os", "linux",
                "kubernetes.io/arch", "amd64",
                Workload.WORKER_LABEL, "",
                "feature.node.kubernetes.io/network-sriov.capable", "true",
                "type", "kwok"));
        if (ovs) {
            labels.put(Workload.OVS_LABEL, "true");
        }
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels)
                .addToAnnotations("kwok.x-k8s.io/node", "fake").addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .endMetadata()
                .withNewStatus()
                .withCapacity(Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"), "pods", new Quantity("110")))
                .withAllocatable(Map.of("cpu", new Quantity("16"), "memory", new Quantity("62Gi"), "pods", new Quantity("110")))
                .endStatus()
                .build();
    }

    /** Creates the nodes with {@code concurrency} parallel requests and waits until KWOK made them Ready. */
    static void create(KubernetesClient client, List<Node> nodes, Parallel parallel, Duration timeout) {
        parallel.run(nodes, n -> client.nodes().resource(n).create());
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> names = nodes.stream().map(n -> n.getMetadata().getName()).toList();
        while (true) {
            List<String> notReady = new ArrayList<>();
            Map<String, Node> byName = new TreeMap<>();
            client.nodes().withLabel("type", "kwok").list().getItems().forEach(n -> byName.put(n.getMetadata().getName(), n));
            for (String name : names) {
                Node n = byName.get(name);
                if (n == null || n.getStatus() == null || n.getStatus().getConditions() == null || n.getStatus().getConditions()
                        .stream().noneMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                    notReady.add(name);
                }
            }
            if (notReady.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(notReady.size() + " KWOK nodes not Ready after " + timeout + ", e.g. "
                        + notReady.subList(0, Math.min(5, notReady.size())));
            }
            sleep(TimeUnit.SECONDS.toMillis(1));
        }
    }

    static Path toolsBin() {
        String dir = System.getenv("DATAPLANE_TOOLS_DIR");
        return (dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".cache/dataplane-operator/tools")
                : Path.of(dir)).resolve("bin");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
