package io.dataplane.operator.bench;

import io.dataplane.operator.testsupport.OvsdbServerProcess;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.controller.policy.DevicePluginConfigMap;
import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.e2e.ServiceAccountIdentity;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testsupport.SimulatedHostDirs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One size of the scale benchmark, from an empty control plane to the write floor:
 *
 * <ol>
 *   <li>control plane, KWOK and N Ready fake nodes, CRDs, NfvOperatorConfig (components off);
 *   <li>the packaged operator as its own process under its ServiceAccount; N simulated agents in one
 *       more process ({@link SimulatedAgents}) under another ServiceAccount (so the audit log tells their
 *       requests apart);
 *   <li>convergence: apply the five policies and 2N networks, wait until every network is Ready and
 *       every NfvNodeState is in sync; requests per user from the audit log; operator memory;
 *   <li>steady state: the operator's requests during {@code steady} seconds; then one policy edit (a
 *       pool's MTU) and what was written until the cluster converged again;
 *   <li>one agent in a process of its own, idle ({@link AgentProbe});
 *   <li>operator and agents stopped; the write floor on the same API server ({@link WriteFloor}).
 * </ol>
 *
 * Every phase records what it measured into {@link ScaleResult}; a phase that fails records why and the
 * later phases that need it are skipped, so a run always reports what it got.
 */
final class ScaleScenario {
    static final String OPERATOR_NS = "dataplane-operator";
    static final String OPERATOR_SA = "dataplane-operator";
    static final String AGENTS_SA = "bench-agents";
    static final String PROBE_NODE = "probe-0";

    private final BenchSettings settings;
    private final Path repoRoot;

    ScaleScenario(BenchSettings settings, Path repoRoot) {
        this.settings = settings;
        this.repoRoot = repoRoot;
    }

    ScaleResult run(int nodeCount) {
        ScaleResult r = new ScaleResult(nodeCount, Workload.networksFor(nodeCount), Workload.namespacesFor(nodeCount));
        r.loadBefore = loadAverage();
        long runStart = System.nanoTime();
        Path dir = settings.workDir().resolve(nodeCount + "-nodes").toAbsolutePath();
        deleteRecursively(dir);
        String label = nodeCount + " nodes";
        log(label, "control plane in " + dir);
        Parallel parallel = new Parallel(settings.concurrency());
        try (ControlPlane cp = ControlPlane.start(repoRoot, dir);
                KubernetesClient admin = cp.newClient();
                // One real ovsdb-server for every simulated node: a thousand would not fit the machine, and
                // all nodes apply the same OVS settings (the round trips are real, the contents shared).
                OvsdbServerProcess ovsdb = OvsdbServerProcess.start()) {
            List<String> fleetNodes = IntStream.range(0, nodeCount).mapToObj(i -> "worker-" + i).toList();
            long t = System.nanoTime();
            KwokNodes.startKwok(cp, settings.kwokLeaseSeconds());
            KwokNodes.create(admin, fleetNodes.stream().map(n -> KwokNodes.node(n, true)).toList(), parallel,
                    Duration.ofMinutes(5));
            r.nodesSeconds = seconds(t);
            log(label, "%d KWOK nodes Ready in %.1f s".formatted(nodeCount, r.nodesSeconds));
            cp.installCrds();
            admin.resource(Workload.operatorConfig()).create();
            List<String> namespaces = Workload.namespaces("bench", r.namespaces);
            parallel.run(namespaces, ns -> admin.namespaces().resource(
                    new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create());

            Path operatorKubeconfig = ServiceAccountIdentity.create(cp, OPERATOR_NS, OPERATOR_SA,
                    repoRoot.resolve("deploy/rbac/operator-clusterrole.yaml"));
            String operatorUser = ServiceAccountIdentity.username(OPERATOR_NS, OPERATOR_SA);
            Path agentsKubeconfig = agentsIdentity(cp, admin);
            String agentsUser = ServiceAccountIdentity.username(OPERATOR_NS, AGENTS_SA);

            t = System.nanoTime();
            OperatorProcess operator = OperatorProcess.start(cp, operatorKubeconfig, "operator-bench",
                    Map.of("OPERATOR_NAMESPACE", OPERATOR_NS), settings.operatorJvmArgs().toArray(String[]::new));
            Path hostDir = SimulatedHostDirs.create(nodeCount, "bench-hosts-");
            r.hostsFs = SimulatedHostDirs.describe(hostDir);
            try (ConvergenceWatch watch = new ConvergenceWatch(admin)) {
                int operatorPort = ProcessStats.quarkusPort(operator.log());
                r.operatorStartSeconds = seconds(t);
                r.operatorJvmFlags = ProcessStats.jvmFlags(operator.pid());
                log(label, "operator ready in %.1f s (pid %d, %s)".formatted(r.operatorStartSeconds, operator.pid(),
                        r.operatorJvmFlags));
                t = System.nanoTime();
                SimulatedAgents fleet = SimulatedAgents.start(agentsKubeconfig, fleetNodes, hostDir.resolve("fleet"),
                        settings.agentThreads(), ovsdb.socket, OPERATOR_NS, settings.fleetJvmArgs(), cp.dir().resolve("agents-fleet.log"),
                        Duration.ofMinutes(5));
                r.fleetStartSeconds = seconds(t);
                r.fleetJvmFlags = ProcessStats.jvmFlags(fleet.pid());
                log(label, "%d simulated agents started in %.1f s".formatted(nodeCount, r.fleetStartSeconds));
                try {
                    converge(r, cp, admin, parallel, namespaces, operator, operatorPort, fleet.pid(), operatorUser, agentsUser,
                            watch, new HashSet<>(fleetNodes), label);
                    if (r.converged()) {
                        steadyState(r, cp, operatorUser, agentsUser, label);
                        policyEdit(r, cp, admin, operatorUser, agentsUser, watch, new HashSet<>(fleetNodes), label);
                    }
                    probeAgent(r, cp, admin, agentsKubeconfig, hostDir.resolve("probe"), label);
                } finally {
                    fleet.close();
                    operator.close();
                }
                if (r.converged()) {
                    CpuMarks cpu = new CpuMarks(cp, -1, -1);
                    floor(r, admin, parallel, watch, new HashSet<>(fleetNodes), label);
                    cpu.stop();
                    r.floorCpuSeconds = cpu.deltas();
                }
            } finally {
                operator.close(); // idempotent; here for a failure before the agents started
                deleteRecursively(hostDir);
            }
        } catch (Exception e) {
            r.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.out.printf("[bench] %s: FAILED: %s%n", label, r.error);
            e.printStackTrace(System.out);
        }
        r.retries = parallel.retries();
        r.loadAfter = loadAverage();
        r.totalSeconds = seconds(runStart);
        log(label, "done in %.0f s".formatted(r.totalSeconds));
        return r;
    }

    private void converge(ScaleResult r, ControlPlane cp, KubernetesClient admin, Parallel parallel, List<String> namespaces,
            OperatorProcess operator, int operatorPort, long agentsPid, String operatorUser, String agentsUser,
            ConvergenceWatch watch, Set<String> nodes, String label) {
        List<NfvNodePolicy> policies = Workload.policies();
        List<NfvNetwork> networks = Workload.networks(r.networks, namespaces);
        List<HasMetadata> objects = new ArrayList<>(policies);
        objects.addAll(networks);
        Set<String> policyNames = policies.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        CpuMarks cpu = new CpuMarks(cp, operator.pid(), agentsPid);
        long from = AuditTally.mark(cp.auditLogPath());
        double gcBefore = ProcessStats.gcPauseSeconds(operatorPort);

        SocketCounter sockets = new SocketCounter(operator.pid());
        long t0 = System.nanoTime();
        r.applySeconds = parallel.run(objects, o -> admin.resource(o).create()) / 1e9;
        log(label, "applied %d policies and %d networks in %.1f s".formatted(policies.size(), networks.size(), r.applySeconds));
        ConvergenceWatch.Milestones m = watch.await(t0, settings.timeout(), networks.size(), nodes, s -> true, policyNames,
                label);
        r.milestones = m;
        cpu.stop();
        sockets.close();
        r.cpuSeconds = cpu.deltas();
        r.operatorSocketsOpened = sockets.opened();
        r.operatorSocketsMaxOpen = sockets.maxOpen();
        if (!r.converged()) {
            r.error = "did not converge in " + settings.timeout() + ": " + m.missing();
            return;
        }
        log(label, "converged in %.1f s (networks Ready %.1f s, states in sync %.1f s, policies Ready %.1f s)"
                .formatted(m.converged(), m.networksReady(), m.statesInSync(), m.policiesReady()));
        sleep(Duration.ofSeconds(2)); // in-flight writes reach the audit log
        long to = AuditTally.mark(cp.auditLogPath());
        r.convergenceOperator = AuditTally.of(cp.auditLogPath(), operatorUser, from, to);
        r.convergenceAgents = AuditTally.of(cp.auditLogPath(), agentsUser, from, to);
        r.operatorGcSeconds = ProcessStats.gcPauseSeconds(operatorPort) - gcBefore;

        if (settings.operatorJvmArgs().stream().anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking"))) {
            ProcessStats.nativeMemory(operator.pid(), cp.dir().resolve("operator-native-memory.txt"));
        }
        r.operatorRssMiB = ProcessStats.rssMiB(operator.pid());
        r.operatorHeapMiB = ProcessStats.heapUsedMiB(operatorPort);
        ProcessStats.fullGc(operator.pid());
        r.operatorLiveHeapMiB = ProcessStats.heapUsedMiB(operatorPort);
        r.operatorRssAfterGcMiB = ProcessStats.rssMiB(operator.pid());
    }

    private void steadyState(ScaleResult r, ControlPlane cp, String operatorUser, String agentsUser, String label) {
        long from = AuditTally.mark(cp.auditLogPath());
        log(label, "steady state: counting requests for %d s".formatted(settings.steady().toSeconds()));
        sleep(settings.steady());
        long to = AuditTally.mark(cp.auditLogPath());
        r.steadyOperator = AuditTally.of(cp.auditLogPath(), operatorUser, from, to);
        r.steadyAgents = AuditTally.of(cp.auditLogPath(), agentsUser, from, to);
    }

    /** Raises one pool's MTU: every node's spec changes (the PF MTU), nothing else should be written. */
    private void policyEdit(ScaleResult r, ControlPlane cp, KubernetesClient admin, String operatorUser, String agentsUser,
            ConvergenceWatch watch, Set<String> nodes, String label) {
        long from = AuditTally.mark(cp.auditLogPath());
        long t0 = System.nanoTime();
        admin.resources(NfvNodePolicy.class).withName(Workload.EDITED_POLICY).edit(p -> {
            p.getSpec().getSriov().get(0).setMtu(Workload.EDITED_MTU_AFTER);
            return p;
        });
        Predicate<NfvNodeState> edited = s -> s.getSpec().getInterfaces().stream()
                .anyMatch(i -> "ens2f0".equals(i.getName()) && Integer.valueOf(Workload.EDITED_MTU_AFTER).equals(i.getMtu()));
        Set<String> policyNames = watch.policies().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        r.editMilestones = watch.await(t0, settings.timeout(), r.networks, nodes, edited, policyNames, label + " (edit)");
        sleep(Duration.ofSeconds(2));
        long to = AuditTally.mark(cp.auditLogPath());
        r.editOperator = AuditTally.of(cp.auditLogPath(), operatorUser, from, to);
        r.editAgents = AuditTally.of(cp.auditLogPath(), agentsUser, from, to);
        log(label, "policy edit converged in %.1f s; operator wrote %s".formatted(r.editMilestones.settled(),
                r.editOperator.writesSummary()));
    }

    private void probeAgent(ScaleResult r, ControlPlane cp, KubernetesClient admin, Path agentsKubeconfig, Path dir,
            String label) {
        try {
            Node probe = KwokNodes.node(PROBE_NODE, false);
            KwokNodes.create(admin, List.of(probe), new Parallel(1), Duration.ofMinutes(2));
            r.agent = AgentProbe.measure(cp, admin, agentsKubeconfig, OPERATOR_NS, PROBE_NODE, dir, settings.agentIdle(),
                    settings.agentJvmArgs(), Duration.ofMinutes(3));
            log(label, "one agent, idle: RSS %.0f MiB, heap %.0f MiB (%.0f MiB live)".formatted(r.agent.rssMiB(),
                    r.agent.heapMiB(), r.agent.liveHeapMiB()));
        } catch (RuntimeException e) {
            r.agentError = e.getClass().getSimpleName() + ": " + e.getMessage();
            log(label, "agent probe failed: " + r.agentError);
        }
    }

    private void floor(ScaleResult r, KubernetesClient admin, Parallel parallel, ConvergenceWatch watch, Set<String> nodes,
            String label) {
        List<NfvNetwork> networks = List.copyOf(watch.networks());
        List<NfvNodeState> states = watch.states().stream().filter(s -> nodes.contains(s.getMetadata().getName())).toList();
        List<NfvNodePolicy> policies = List.copyOf(watch.policies());
        List<NetworkAttachmentDefinition> nads = admin.resources(NetworkAttachmentDefinition.class).inAnyNamespace().list()
                .getItems();
        // The device plugin maps as they ended, with the keys of the fleet's nodes.
        List<ConfigMap> deviceConfig = admin.configMaps().inNamespace(OPERATOR_NS).withLabelSelector(DevicePluginConfigMap.SELECTOR)
                .list().getItems().stream().map(cm -> {
                    Map<String, String> keys = new HashMap<>();
                    if (cm.getData() != null) {
                        cm.getData().forEach((k, v) -> {
                            if (nodes.contains(k)) {
                                keys.put(k, v);
                            }
                        });
                    }
                    return new ConfigMapBuilder().withNewMetadata().withName(cm.getMetadata().getName()).endMetadata()
                            .withData(keys).build();
                }).toList();
        r.objectBytes.put("NfvNodeState", averageJsonBytes(admin, states));
        r.stateParts = JsonParts.meanBytes(states.stream().map(s -> admin.getKubernetesSerialization().convertValue(s, JsonNode.class))
                .toList(), STATE_PARTS);
        r.objectBytes.put("NfvNetwork", averageJsonBytes(admin, networks));
        r.objectBytes.put("NetworkAttachmentDefinition", averageJsonBytes(admin, nads));
        r.objectBytes.put("NfvNodePolicy", averageJsonBytes(admin, policies));
        r.objectBytes.put("device plugin ConfigMap (mean)", deviceConfig.isEmpty() ? -1 : averageJsonBytes(admin, deviceConfig));
        r.floor = WriteFloor.run(admin, parallel, "floor", r.namespaces, networks, nads, states, deviceConfig, policies);
        log(label, "write floor: %d writes in %.1f s".formatted(r.floor.writes(), r.floor.seconds()));
    }

    /** The parts of an NfvNodeState whose sizes the report lists (a parent without the children before it). */
    static final List<String> STATE_PARTS = List.of("metadata.managedFields", "spec", "status.inventory.nics", "status.inventory",
            "status.owned", "status.conditions", "status.message");

    /** Mean size of the objects as JSON, as the API server sends them (managed fields included). */
    private static long averageJsonBytes(KubernetesClient client, List<? extends HasMetadata> objects) {
        return objects.isEmpty() ? -1 : (long) objects.stream()
                .mapToInt(o -> client.getKubernetesSerialization().asJson(o).getBytes(StandardCharsets.UTF_8).length).average()
                .orElse(-1);
    }

    /** A ServiceAccount for the simulated agents, bound to cluster-admin (a benchmark, not an RBAC test). */
    private static Path agentsIdentity(ControlPlane cp, KubernetesClient admin) {
        admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(AGENTS_SA).withNamespace(OPERATOR_NS).endMetadata()
                .build()).serverSideApply();
        admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(AGENTS_SA).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                .addNewSubject().withKind("ServiceAccount").withName(AGENTS_SA).withNamespace(OPERATOR_NS).endSubject()
                .build()).serverSideApply();
        String token = admin.serviceAccounts().inNamespace(OPERATOR_NS).withName(AGENTS_SA)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(24L * 3600).endSpec().build())
                .getStatus().getToken();
        return cp.writeKubeconfig("kubeconfig-" + AGENTS_SA, AGENTS_SA, token);
    }

    /**
     * CPU seconds over a phase of the operator, the simulated agents, this JVM (the benchmark's client and
     * informers; in the floor, the client), kube-apiserver, etcd, KWOK and kube-controller-manager. A
     * negative pid: not running in the phase.
     */
    static final class CpuMarks {
        private final Map<String, Long> pids = new java.util.LinkedHashMap<>();
        private final Map<String, Double> start = new HashMap<>();
        private final Map<String, Double> end = new HashMap<>();

        CpuMarks(ControlPlane cp, long operatorPid, long agentsPid) {
            pids.put("operator", operatorPid);
            pids.put("agents", agentsPid);
            pids.put("bench JVM", ProcessHandle.current().pid());
            for (String c : List.of("kube-apiserver", "etcd", "kwok", "kube-controller-manager")) {
                pids.put(c, ProcessStats.pidFromFile(cp.dir().resolve("pids/" + c + ".pid")));
            }
            pids.forEach((k, pid) -> start.put(k, ProcessStats.cpuSeconds(pid)));
        }

        void stop() {
            pids.forEach((k, pid) -> end.put(k, ProcessStats.cpuSeconds(pid)));
        }

        Map<String, Double> deltas() {
            Map<String, Double> out = new java.util.LinkedHashMap<>();
            pids.keySet().forEach(k -> out.put(k, start.get(k) < 0 || end.get(k) < 0 ? -1 : end.get(k) - start.get(k)));
            return out;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String label, String what) {
        System.out.printf("[bench] %s: %s%n", label, what);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftovers in a temp or target directory are harmless.
        }
    }
}
