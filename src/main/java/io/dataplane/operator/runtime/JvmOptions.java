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
 */
public final class JvmOptions {
    public static final String OPERATOR = "-XX:+UseSerialGC -Xms32m -Xmx192m -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=30 -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m";

    /**
     * The agent runs on every node: a small heap and a lean JIT (C1 only, one compiler thread); it idles
     * between reconciles, so peak speed matters less than resident memory (docs/agent.md).
     */
    public static final String AGENT = "-Xms16m -Xmx64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k"
            + " -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1"
            + " -XX:CICompilerCount=1";

    private JvmOptions() {
    }

    public static List<String> operator() {
        return Arrays.asList(OPERATOR.split(" "));
    }

    public static List<String> agent() {
        return Arrays.asList(AGENT.split(" "));
    }
}
