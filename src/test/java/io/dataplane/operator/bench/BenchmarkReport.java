package io.dataplane.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark's Markdown report: machine, date, load, then one table per question of the issue
 * (convergence against the write floor, where the CPU went, writes, steady state, a policy edit,
 * memory, cost growth) and the targets. Printed at the end of the run and written to
 * docs/benchmarks.md; whatever follows {@link #KEEP_MARKER} in an existing file (hand-written findings)
 * is kept.
 */
final class BenchmarkReport {
    static final String KEEP_MARKER = "<!-- Everything below this line is kept when the benchmark rewrites this file. -->";

    private final BenchSettings settings;
    private final List<ScaleResult> results;
    private final String mergeBenchmark;
    private final String command;
    private final ZonedDateTime started;
    private final String loadAtStart;

    BenchmarkReport(BenchSettings settings, List<ScaleResult> results, String mergeBenchmark, String command,
            ZonedDateTime started, String loadAtStart) {
        this.settings = settings;
        this.results = results;
        this.mergeBenchmark = mergeBenchmark;
        this.command = command;
        this.started = started;
        this.loadAtStart = loadAtStart;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `make bench` (`scripts/bench.sh`, `src/test/java/io/dataplane/operator/bench/`). The benchmark ")
                .append("measures and asserts nothing; the targets at the end are compared, not enforced.\n\n");
        machine(md);
        convergence(md);
        cpu(md);
        writes(md);
        steady(md);
        edit(md);
        memory(md);
        growth(md);
        targets(md);
        if (mergeBenchmark != null && !mergeBenchmark.isBlank()) {
            md.append("## Policy merge, in process (`PolicyMergeBenchmark`)\n\n```\n").append(mergeBenchmark.strip())
                    .append("\n```\n\n");
        }
        method(md);
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("## Run\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "date", started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")));
        row(md, "command", "`" + command + "`");
        row(md, "machine", Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), " + memTotal()
                + " memory, " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        row(md, "load (1/5/15 min) at start", loadAtStart + " — the machine is shared with other builds; figures taken under this load");
        row(md, "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (operator, agent and benchmark JVMs alike)");
        String operatorFlags = results.stream().map(r -> r.operatorJvmFlags).filter(f -> f != null).findFirst().orElse("?");
        row(md, "operator JVM flags", "`" + operatorFlags + "` (the Deployment's JAVA_TOOL_OPTIONS from runtime.JvmOptions, "
                + "which e2e.OperatorProcess uses too; memory request 256Mi, limit 512Mi)");
        String agentFlags = results.stream().filter(r -> r.agent != null).map(r -> r.agent.jvmFlags()).findFirst().orElse("?");
        row(md, "single-agent JVM flags", "`" + agentFlags + "`");
        String fleetFlags = results.stream().map(r -> r.fleetJvmFlags).filter(f -> f != null).findFirst().orElse("?");
        row(md, "simulated agents' JVM flags", "`" + fleetFlags + "` (the single agent's, with the heap grown by "
                + SimulatedAgents.HEAP_MIB_PER_NODE + " MiB per node: one process simulates every node, bench.SimulatedAgents)");
        row(md, "benchmark JVM (client, informers)", "`" + String.join(" ", benchJvmFlags()) + "`");
        row(md, "settings", "client concurrency " + settings.concurrency() + " (apply and floor), " + settings.agentThreads()
                + " agent worker threads, KWOK lease " + settings.kwokLeaseSeconds() + " s, steady window "
                + settings.steady().toSeconds() + " s");
        md.append('\n');
        md.append("| nodes | load before → after | whole scenario | KWOK nodes Ready | operator ready | simulated agents started | simulated hosts on | client retries |\n");
        md.append("|---:|---|---:|---:|---:|---:|---|---:|\n");
        for (ScaleResult r : results) {
            md.append("| ").append(r.nodes).append(" | ").append(r.loadBefore).append(" → ").append(r.loadAfter).append(" | ")
                    .append(s(r.totalSeconds)).append(" s | ").append(s(r.nodesSeconds)).append(" s | ")
                    .append(s(r.operatorStartSeconds)).append(" s | ").append(s(r.fleetStartSeconds)).append(" s | ")
                    .append(r.hostsFs).append(" | ").append(r.retries).append(" |\n");
        }
        md.append('\n');
    }

    private void convergence(StringBuilder md) {
        md.append("## Convergence against the write floor\n\n");
        md.append("Seconds from the first create of the workload. *Convergence*: every NfvNetwork Ready for its generation and ")
                .append("every NfvNodeState `Succeeded` with `lastAppliedGeneration == generation` (no grant held: one left in the spec is spent once its generation is applied). ")
                .append("*Floor*: the same objects at their final sizes written once each by a bare fabric8 client with the ")
                .append("same concurrency on the same API server (see Method).\n\n");
        md.append("| nodes | networks (namespaces) | apply | networks Ready | intents written | states in sync | **convergence** "
                + "| policies Ready | floor (writes) | **convergence / floor** |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleResult r : results) {
            ConvergenceWatch.Milestones m = r.milestones;
            md.append("| ").append(r.nodes).append(" | ").append(r.networks).append(" (").append(r.namespaces).append(") | ")
                    .append(s(r.applySeconds)).append(" | ")
                    .append(m == null ? "–" : s(m.networksReady())).append(" | ")
                    .append(m == null ? "–" : s(m.statesCreated())).append(" | ")
                    .append(m == null ? "–" : s(m.statesInSync())).append(" | **")
                    .append(m == null ? "–" : s(m.converged())).append("** | ")
                    .append(m == null ? "–" : s(m.policiesReady())).append(" | ")
                    .append(r.floor == null ? "–" : s(r.floor.seconds()) + " (" + r.floor.writes() + ")").append(" | **")
                    .append(r.ratio() < 0 ? "–" : String.format(Locale.ROOT, "%.2f", r.ratio())).append("** |\n");
        }
        List<String> problems = results.stream().filter(r -> r.error != null).map(r -> r.nodes + " nodes: " + brief(r.error)).toList();
        if (!problems.isEmpty()) {
            md.append("\nNot measured: ").append(String.join("; ", problems)).append('\n');
        }
        md.append('\n');
    }

    private void cpu(StringBuilder md) {
        md.append("## Where the CPU went\n\n");
        md.append("CPU seconds (user + system, from /proc) each process used between the first apply and convergence, and ")
                .append("during the write floor; on 2 shared cores these, not wall time, show who does the work. The simulated ")
                .append("agents run in one process of their own; the benchmark JVM holds the client that applies the workload ")
                .append("(in the floor, that writes it) and the informers that watch for convergence.\n\n");
        // CpuMarks' process names, in column order, with their headers.
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("operator", "operator");
        columns.put("agents", "agents (simulated, one JVM)");
        columns.put("bench JVM", "bench JVM (client, informers)");
        List.of("kube-apiserver", "etcd", "kwok", "kube-controller-manager").forEach(c -> columns.put(c, c));
        md.append("| nodes | phase | ").append(String.join(" | ", columns.values())).append(" | operator GC pauses | operator sockets opened (most open at once) |\n");
        md.append("|---:|---|").append("---:|".repeat(columns.size())).append("---:|---:|\n");
        for (ScaleResult r : results) {
            md.append("| ").append(r.nodes).append(" | convergence | ");
            for (String k : columns.keySet()) {
                md.append(s(r.cpuSeconds.getOrDefault(k, -1.0))).append(" | ");
            }
            md.append(s(r.operatorGcSeconds)).append(" | ").append(r.operatorSocketsOpened < 0 ? "–"
                    : r.operatorSocketsOpened + " (" + r.operatorSocketsMaxOpen + ")").append(" |\n");
            if (!r.floorCpuSeconds.isEmpty()) {
                md.append("| ").append(r.nodes).append(" | write floor | "); // operator and agents stopped: –
                for (String k : columns.keySet()) {
                    md.append(s(r.floorCpuSeconds.getOrDefault(k, -1.0))).append(" | ");
                }
                md.append("– | – |\n");
            }
        }
        md.append('\n');
    }

    private void writes(StringBuilder md) {
        md.append("## API writes during convergence\n\n");
        md.append("From the API server's audit log, by user. The floor writes each object once.\n\n");
        md.append("| nodes | operator writes | operator requests | agents' writes | agents' requests | floor writes |\n");
        md.append("|---:|---|---|---|---|---:|\n");
        for (ScaleResult r : results) {
            md.append("| ").append(r.nodes).append(" | ")
                    .append(tally(r.convergenceOperator, t -> t.writes() + ": " + t.writesSummary())).append(" | ")
                    .append(tally(r.convergenceOperator, AuditTally::verbs)).append(errors(r.convergenceOperator)).append(" | ")
                    .append(tally(r.convergenceAgents, t -> t.writes() + ": " + t.writesSummary())).append(" | ")
                    .append(tally(r.convergenceAgents, AuditTally::verbs)).append(errors(r.convergenceAgents)).append(" | ")
                    .append(r.floor == null ? "–" : r.floor.writes()).append(" |\n");
        }
        md.append('\n');
    }

    private void steady(StringBuilder md) {
        md.append("## Steady state\n\n");
        md.append("Requests during ").append(settings.steady().toSeconds())
                .append(" s after convergence (expected: no writes). Watches count when they end.\n\n");
        md.append("| nodes | operator requests by verb | operator writes | agents' writes |\n|---:|---|---|---|\n");
        for (ScaleResult r : results) {
            md.append("| ").append(r.nodes).append(" | ").append(tally(r.steadyOperator, AuditTally::verbs)).append(" | ")
                    .append(tally(r.steadyOperator, t -> t.writes() + (t.writes() == 0 ? "" : ": " + t.objectsSummary(5))))
                    .append(" | ").append(tally(r.steadyAgents, t -> t.writes() + (t.writes() == 0 ? "" : ": " + t.writesSummary())))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void edit(StringBuilder md) {
        md.append("## One policy edit\n\n");
        md.append("`").append(Workload.EDITED_POLICY).append("`: the pool's MTU ").append(Workload.EDITED_MTU_BEFORE).append(" → ")
                .append(Workload.EDITED_MTU_AFTER).append(". Affected: every node's NfvNodeState (the PF MTU; not ")
                .append("disruptive), that policy's status. Seconds until every state applied it and every policy is Ready.\n\n");
        md.append("| nodes | re-converged | operator writes | objects the operator wrote | agents' writes |\n|---:|---:|---|---|---|\n");
        for (ScaleResult r : results) {
            md.append("| ").append(r.nodes).append(" | ").append(r.editMilestones == null ? "–" : s(r.editMilestones.settled()))
                    .append(" | ").append(tally(r.editOperator, t -> t.writes() + ": " + t.writesSummary())).append(" | ")
                    .append(tally(r.editOperator, t -> t.objectsSummary(3))).append(" | ")
                    .append(tally(r.editAgents, t -> t.writes() + ": " + t.writesSummary())).append(" |\n");
        }
        md.append('\n');
    }

    private void memory(StringBuilder md) {
        md.append("## Memory\n\n");
        md.append("Operator right after convergence: resident set (VmRSS), heap in use (`jvm_memory_used_bytes{area=\"heap\"}`), ")
                .append("and the live heap after a full GC (`jcmd GC.run`). One agent: its own process simulating one node, ")
                .append("after ").append(settings.agentIdle().toSeconds()).append(" s idle with its state in sync.\n\n");
        md.append("| nodes | operator RSS MiB | operator heap used MiB | operator live heap MiB | one agent RSS MiB | agent heap used / live MiB | agent /q/health/ready |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleResult r : results) {
            md.append("| ").append(r.nodes).append(" | ").append(s0(r.operatorRssMiB)).append(" | ").append(s0(r.operatorHeapMiB))
                    .append(" | ").append(s0(r.operatorLiveHeapMiB)).append(" | ")
                    .append(r.agent == null ? "– " + (r.agentError == null ? "" : "(" + brief(r.agentError) + ")") : s0(r.agent.rssMiB()))
                    .append(" | ").append(r.agent == null ? "–" : s0(r.agent.heapMiB()) + " / " + s0(r.agent.liveHeapMiB()))
                    .append(" | ").append(r.agent == null ? "–" : Integer.toString(r.agent.readiness())).append(" |\n");
        }
        List<String> kinds = results.stream().flatMap(r -> r.objectBytes.keySet().stream()).distinct().toList();
        if (!kinds.isEmpty()) {
            md.append("\nMean object size as JSON (what every watcher of the kind receives per change):\n\n| nodes | ")
                    .append(String.join(" | ", kinds)).append(" |\n|---:|").append("---:|".repeat(kinds.size())).append('\n');
            for (ScaleResult r : results) {
                md.append("| ").append(r.nodes).append(" | ");
                for (String k : kinds) {
                    long b = r.objectBytes.getOrDefault(k, -1L);
                    md.append(b < 0 ? "–" : b >= 10240 ? (b / 1024) + " KiB" : b + " B").append(" | ");
                }
                md.append('\n');
            }
        }
        if (results.stream().anyMatch(r -> !r.stateParts.isEmpty())) {
            md.append("\nNfvNodeState by part, mean bytes (a parent without the parts left of it; `bench.JsonParts`):\n\n| nodes | ")
                    .append(String.join(" | ", ScaleScenario.STATE_PARTS.stream().map(p -> "`" + p + "`").toList()))
                    .append(" | the rest |\n|---:|").append("---:|".repeat(ScaleScenario.STATE_PARTS.size() + 1)).append('\n');
            for (ScaleResult r : results) {
                md.append("| ").append(r.nodes).append(" | ");
                for (String p : ScaleScenario.STATE_PARTS) {
                    md.append(r.stateParts.containsKey(p) ? r.stateParts.get(p) + " B" : "–").append(" | ");
                }
                md.append(r.stateParts.containsKey("(rest)") ? r.stateParts.get("(rest)") + " B" : "–").append(" |\n");
            }
        }
        md.append("\nThe single agent simulates one node's host (a real agent needs a real one) and, like a real agent, ")
                .append("watches only its own NfvNodeState, so its memory does not grow with the cluster. It connects as a pod ")
                .append("does (server, token and CA; no kubeconfig file).\n\n");
    }

    private void growth(StringBuilder md) {
        if (results.size() < 2) {
            return;
        }
        md.append("## Cost growth\n\n");
        md.append("Networks scale with nodes (2 per node, one namespace per 20 nodes). Per node, relative to the smallest size:\n\n");
        md.append("| nodes | convergence s | per node ms | floor s | per node ms | operator writes per node | operator RSS MiB |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScaleResult r : results) {
            double c = r.milestones == null ? -1 : r.milestones.converged();
            md.append("| ").append(r.nodes).append(" | ").append(s(c)).append(" | ").append(c < 0 ? "–" : s0(c * 1000 / r.nodes))
                    .append(" | ").append(r.floor == null ? "–" : s(r.floor.seconds())).append(" | ")
                    .append(r.floor == null ? "–" : s0(r.floor.seconds() * 1000 / r.nodes)).append(" | ")
                    .append(r.convergenceOperator == null ? "–"
                            : String.format(Locale.ROOT, "%.1f", r.convergenceOperator.writes() / (double) r.nodes))
                    .append(" | ").append(s0(r.operatorRssMiB)).append(" |\n");
        }
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        ScaleResult big = results.stream().filter(ScaleResult::converged).reduce((a, b) -> b.nodes >= a.nodes ? b : a)
                .orElse(null);
        md.append("## Targets\n\n");
        if (big == null) {
            md.append("No size converged; nothing to compare.\n\n");
            return;
        }
        md.append("At the largest size that converged (").append(big.nodes).append(" nodes):\n\n");
        md.append("| target | measured | met |\n|---|---:|---|\n");
        target(md, "convergence ≤ 2 × write floor", big.ratio() < 0 ? "–" : String.format(Locale.ROOT, "%.2f ×", big.ratio()),
                big.ratio() < 0 ? null : big.ratio() <= 2);
        long steadyWrites = big.steadyOperator == null ? -1 : big.steadyOperator.writes();
        target(md, "zero operator writes in steady state", steadyWrites < 0 ? "–" : Long.toString(steadyWrites),
                steadyWrites < 0 ? null : steadyWrites == 0);
        target(md, "operator RSS ≤ 256 MiB" + (big.nodes < 1000 ? " (target is for 1,000 nodes)" : ""),
                s0(big.operatorRssMiB) + " MiB", big.operatorRssMiB < 0 ? null : big.operatorRssMiB <= 256);
        double agentRss = big.agent == null ? -1 : big.agent.rssMiB();
        target(md, "one agent RSS ≤ 96 MiB", agentRss < 0 ? "–" : s0(agentRss) + " MiB", agentRss < 0 ? null : agentRss <= 96);
        md.append('\n');
    }

    private void method(StringBuilder md) {
        md.append("## Method\n\n");
        md.append("""
                - Per size, a fresh local control plane (`scripts/controlplane.sh`: etcd, kube-apiserver with an audit log, \
                kube-controller-manager, kube-scheduler) and KWOK with that many Ready fake nodes, created in parallel with \
                kwok.sh's labels; KWOK renews node leases every quarter of the lease duration (see settings).
                - Workload (`bench.Workload`): five NfvNodePolicies selecting every node — SR-IOV pools on the E810 (kernel and \
                vfio-pci VF ranges), an SR-IOV pool on the ConnectX-5, huge pages, CPU manager/topology, OVS-DPDK with one \
                bridge — all with `maxUnavailable: 100%` (the benchmark measures throughput, not a deliberately paced \
                rollout); two NfvNetworks per node (SR-IOV kernel and DPDK, vhost-user, CX-5) in one namespace per 20 nodes. \
                NfvOperatorConfig has every component off: the agents are simulated, and DaemonSets of fake pods would \
                measure the scheduler.
                - The packaged operator (`target/quarkus-app/quarkus-run.jar`) runs as its own process under its \
                ServiceAccount bound to `deploy/rbac/operator-clusterrole.yaml`. The simulated agents \
                (`agent.SimulatedFleet`: one simulated host per node — a directory tree behaving as sysfs, on tmpfs when it \
                has room, as sysfs is in memory — and real API calls) run in one process of the packaged jar in agent mode, \
                with the agent DaemonSet's JVM flags and a heap grown for the fleet, under a second ServiceAccount; all nodes share one real `ovsdb-server` (their OVS settings are identical). \
                They start before the workload, as agents on a cluster run before any policy: each publishes its \
                node's capability labels and registers its node's NfvNodeState (no spec; the host's inventory in its \
                status), and the workload is applied once every agent reported. *Intents written*: every state \
                carries the policies' intent.
                - Convergence is watched with informers (a list and a watch per kind), not polled: counts kept by their \
                events, each milestone taken when the event completing it arrives.
                - Write floor (`bench.WriteFloor`), with the operator and agents stopped: the NfvNetworks and policies as the \
                user created them; per network its NetworkAttachmentDefinition (create) and status (merge patch); per node \
                its NfvNodeState spec (create) and status (merge patch) — created here although the agents registered \
                the states before the convergence window; the device plugin ConfigMaps once each at their final \
                size (writing them key by key is a cost of that design, not of the API); per policy its status — each once, at its final size, in two rounds (creates, then what \
                depends on them), with the same client concurrency as the apply.
                - Requests per user come from the API server's audit log; CPU seconds from /proc/<pid>/stat; memory from \
                /proc/<pid>/status, the operator's `/q/metrics` and the agent's `jcmd GC.heap_info`.
                """);
        md.append('\n');
    }

    /** Writes the report, keeping what follows {@link #KEEP_MARKER} in the existing file. */
    void write(Path file) {
        try {
            String kept = "";
            if (Files.exists(file)) {
                String old = Files.readString(file, StandardCharsets.UTF_8);
                int at = old.indexOf(KEEP_MARKER);
                if (at >= 0) {
                    kept = old.substring(at + KEEP_MARKER.length());
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown() + KEEP_MARKER + (kept.isEmpty() ? "\n" : kept), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void target(StringBuilder md, String what, String measured, Boolean met) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ")
                .append(met == null ? "not measured" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String tally(AuditTally t, Function<AuditTally, Object> f) {
        return t == null ? "–" : String.valueOf(f.apply(t));
    }

    private static String errors(AuditTally t) {
        return t == null || t.errors.isEmpty() ? "" : "; errors " + t.errors.entrySet().stream()
                .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** First line of a message, at most 300 characters: a table cell, not a log. */
    private static String brief(String message) {
        String line = message.lines().findFirst().orElse("");
        return (line.length() > 300 ? line.substring(0, 300) + "…" : line).replace("|", "\\|");
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }

    private static String s(double seconds) {
        return seconds < 0 ? "–" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static String s0(double v) {
        return v < 0 ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static List<String> benchJvmFlags() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-X") || a.startsWith("-XX")) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            out.add("(JVM defaults: max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
        }
        return out;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            Map<String, String> info = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.contains(":"))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).strip(),
                            (a, b) -> a));
            long kb = Long.parseLong(info.getOrDefault("MemTotal", "0 kB").replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        } catch (IOException | NumberFormatException e) {
            return "?";
        }
    }
}
