package io.dataplane.operator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's knobs, from system properties that scripts/bench.sh sets from the environment
 * (BENCH_SIZES=100,300 → -Dbench.sizes=100,300). Defaults are what `make bench` runs.
 *
 * @param sizes node counts, one scenario each, in order (cost growth)
 * @param concurrency in-flight requests of the bench's own client, for the apply and the write floor
 *        alike: JOSDK's default number of reconciler threads, which the operator runs with
 * @param agentThreads worker threads shared by the simulated agents. On a cluster each node's agent is its
 *        own process, so none waits for another's API round trips; the simulation should not make them
 *        queue more than the floor's client does, so the default is the same as {@code concurrency}
 *        (with 16, a thousand agents queued behind each other's round trips: at 1,000 nodes the first
 *        state was in sync at +69 s and the last at 155 s; with 50, in a later run that also had other
 *        changes of that pass, +48 s and 129 s, the agents using about the same CPU, 100 and 94 CPU-s)
 * @param kwokLeaseSeconds KWOK node lease duration (renewed every quarter of it)
 * @param steady how long steady-state requests are counted after convergence
 * @param agentIdle how long the single agent idles before its memory is read
 * @param timeout per convergence phase
 * @param operatorJvmArgs extra JVM flags for the operator (e.g. a JFR recording when profiling)
 * @param agentJvmArgs extra JVM flags for the single-agent process
 * @param fleetJvmArgs extra JVM flags for the simulated agents' process
 * @param workDir control planes and logs, one folder per size
 * @param report the Markdown report to write; none when blank
 */
record BenchSettings(List<Integer> sizes, int concurrency, int agentThreads, int kwokLeaseSeconds, Duration steady,
        Duration agentIdle, Duration timeout, List<String> operatorJvmArgs, List<String> agentJvmArgs,
        List<String> fleetJvmArgs, Path workDir, Path report) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Arrays.stream(prop("bench.sizes", "100,300,1000").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(Integer::valueOf).toList(),
                Integer.parseInt(prop("bench.concurrency", "50")),
                Integer.parseInt(prop("bench.agentThreads", "50")),
                Integer.parseInt(prop("bench.kwokLeaseSeconds", "120")),
                Duration.ofSeconds(Long.parseLong(prop("bench.steadySeconds", "60"))),
                Duration.ofSeconds(Long.parseLong(prop("bench.agentIdleSeconds", "20"))),
                Duration.ofSeconds(Long.parseLong(prop("bench.timeoutSeconds", "900"))),
                words(prop("bench.operatorJvmArgs", "")),
                words(prop("bench.agentJvmArgs", "")),
                words(prop("bench.fleetJvmArgs", "")),
                Path.of(prop("bench.workDir", "target/bench")),
                report(System.getProperty("bench.report", "docs/benchmarks.md")));
    }

    private static Path report(String path) {
        return path.isBlank() ? null : Path.of(path);
    }

    private static String prop(String name, String def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : v;
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
