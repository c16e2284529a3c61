package io.dataplane.operator.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scale benchmark of {@code make bench}: for each size in {@code bench.sizes} (default 100, 300,
 * 1,000 nodes) a {@link ScaleScenario} on a fresh local control plane, then the in-process policy merge
 * benchmark, then one report printed and written to docs/benchmarks.md ({@link BenchmarkReport}).
 *
 * <p>Measures, asserts nothing. The class name does not match surefire's default includes, so
 * {@code make test} never runs it; {@code scripts/bench.sh} runs it with {@code -Dtest=ScaleBenchmark}
 * after packaging the operator (it needs {@code target/quarkus-app/quarkus-run.jar}, or
 * {@code -Doperator.jar=...}) and the tools of {@code make tools}.
 */
@Tag("bench")
class ScaleBenchmark {

    @Test
    void scale() {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        // A thousand simulated agents log every cordon and label; their failures still show.
        java.util.logging.Logger agentLog = java.util.logging.Logger.getLogger("io.dataplane.operator.agent");
        agentLog.setLevel(java.util.logging.Level.WARNING);
        ZonedDateTime started = ZonedDateTime.now();
        String load = ScaleScenario.loadAverage();
        System.out.printf("[bench] sizes %s, load %s%n", settings.sizes(), load);
        Path repo = Path.of("").toAbsolutePath();
        List<ScaleResult> results = new ArrayList<>();
        for (int nodes : settings.sizes()) {
            results.add(new ScaleScenario(settings, repo).run(nodes));
        }
        String merge = mergeBenchmark();
        String command = System.getProperty("bench.command", "mvn test -Dtest=ScaleBenchmark -Dbench.sizes="
                + String.join(",", settings.sizes().stream().map(String::valueOf).toList()));
        BenchmarkReport report = new BenchmarkReport(settings, results, merge, command, started, load);
        System.out.println();
        System.out.println(report.markdown());
        if (settings.report() != null) {
            report.write(settings.report());
            System.out.println("[bench] written to " + settings.report().toAbsolutePath());
        }
    }

    /** Runs PolicyMergeBenchmark in this JVM and returns what it printed (it prints its figures). */
    private static String mergeBenchmark() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            new PolicyMergeBenchmark().mergeThousandNodesTwentyPolicies();
        } catch (Exception | AssertionError e) {
            System.out.println("policy merge benchmark failed: " + e);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
