package io.dataplane.operator.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * JVM flags the operator and the agent ship with ({@code JAVA_TOOL_OPTIONS} of the operator's Deployment
 * and of the agent DaemonSet). Tests and the benchmark start the packaged jar with the same flags, so
 * what they measure is what ships.
 *
 * <p>Operator (docs/benchmarks.md, Memory): the live heap is ~40 MiB at 300 nodes and ~80 MiB at
 * 1,000; G1 with the container's default heap grew to whatever it was given (RSS ~400 MiB) under the
 * allocation rate of watch events. The serial collector has the least native overhead and its pauses on
 * a heap this size are milliseconds; the heap gives memory back after a full collection.
 *
 * <p>Both give glibc's freed malloc memory back to the OS every 10 s ({@link #NATIVE_TRIM}): freed by
 * class loading, the JIT and TLS at start and under load, it otherwise stays resident — 45–49 MiB of
 * the operator's resident set after a 100-node rollout (NMT against /proc smaps; a manual
 * {@code jcmd System.trim_native_heap} freed the same), with no measured cost in convergence.
 *
 * <p>The operator compiles with C1 only ({@code TieredStopAtLevel=1}). Its work comes in bursts (a
 * rollout, an edit) on a control-plane node whose cores it shares with the API server, and between
 * them it idles; C2 spent those bursts compiling. In a 1,000-node rollout JFR's compiler statistics
 * counted 24 s of compilation in the 65 s convergence window, in which the operator used 27 CPU-s; C1
 * only, back to back: 14.9 CPU-s, convergence 65 → 55 s, resident memory 211 MiB (254–305 before),
 * and a policy edit re-converged as fast (29 → 28 s). docs/benchmarks.md, eighth pass.
 */
public final class JvmOptions {
    /**
     * The trim is experimental in JDK 17.0.9+ and 21, a product flag later; a JDK without it ignores
     * the flag rather than refuse to start (which also hides a typo in the other flags, so they are
     * kept here and started by every test).
     */
    static final String NATIVE_TRIM = "-XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions"
            + " -XX:TrimNativeHeapInterval=10000";

    public static final String OPERATOR = "-XX:+UseSerialGC -Xms32m -Xmx192m -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=30 -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
            + " -XX:TieredStopAtLevel=1 " + NATIVE_TRIM;

    /**
     * The agent runs on every node: a small heap and a lean JIT (C1 only, one compiler thread); it idles
     * between reconciles, so peak speed matters less than resident memory (docs/agent.md). Measured with
     * {@code scripts/bench-agent.sh} (JDK 17.0.15). The agent process is plain Java ({@code agent.AgentMain}:
     * no Quarkus, Vert.x or Micrometer, the JDK's HTTP client, Pods and Nodes read as generic objects):
     * idle RSS 86 MiB, ~5,800 classes, heap 11 MiB in use; the same flags gave 129 MiB for the Quarkus
     * agent (~10,000 classes). What the flags below bought, measured on the Quarkus agent (142 → 129 MiB):
     * <ul>
     * <li>{@code -Xmn4m}: a fixed small young generation; the default (a third of the heap) was mostly
     * dead startup garbage that an idle agent never collects. About -5 MiB.</li>
     * <li>{@code TrimNativeHeapInterval} (experimental in JDK 17.0.9+ and 21, a product flag later; the unlock
     * is harmless there): returns glibc's freed malloc memory (class loading, C1 arenas, symbol churn at
     * startup) to the OS every 10 s. About -4 MiB. {@code MALLOC_ARENA_MAX=2} measured no difference.</li>
     * <li>Tier3 thresholds ten times the defaults: C1 compiles only methods that stay hot, not every method
     * run 200 times during startup; code cache 8 → 4 MiB committed. About -5 MiB, no change in the time
     * to in sync.</li>
     * </ul>
     * Not kept (no measurable change): {@code -Xss256k} (stacks are committed as touched),
     * {@code -XX:ReservedCodeCacheSize=8m}, {@code -Xshare:off}, AppCDS (-3 MiB for a 48 MiB archive that must be
     * built by the image's JDK).
     */
    public static final String AGENT = "-Xms16m -Xmx64m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k"
            + " -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1"
            + " -XX:CICompilerCount=1 -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000"
            + " -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000 " + NATIVE_TRIM;

    private JvmOptions() {
    }

    public static List<String> operator() {
        return Arrays.asList(OPERATOR.split(" "));
    }

    public static List<String> agent() {
        return Arrays.asList(AGENT.split(" "));
    }
}
