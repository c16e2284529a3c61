package io.dataplane.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux and a Quarkus process say about a process: resident memory, CPU time, JVM flags, heap. */
final class ProcessStats {
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    /** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;
    /** A heap line of GC.heap_info: "def new generation   total 3712K, used 1234K [...]" (not Metaspace's). */
    private static final Pattern HEAP_LINE = Pattern.compile("(?m)^ *(?:\\S+ )*(?:generation|heap) +total \\d+K, used (\\d+)K");

    private ProcessStats() {
    }

    /** VmRSS of {@code pid} in MiB, or -1 if the process is gone. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** User + system CPU seconds {@code pid} used so far (its own threads; children not counted). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The effective JVM options of a java command line (before -jar / the main class): a later
     * {@code -Xmx} or {@code -XX:Name} overrides an earlier one, as the JVM reads them.
     */
    static String jvmFlags(long pid) {
        try {
            String[] args = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            Map<String, String> flags = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-jar") || !a.startsWith("-")) {
                    break;
                }
                if (a.startsWith("-Dquarkus.http.port") || a.startsWith("-Ddataplane.agent.health.")
                        || a.startsWith("-Ddataplane.agent.simulate.")) {
                    continue; // per-run detail, not a flag worth recording
                }
                flags.remove(optionName(a));
                flags.put(optionName(a), a);
            }
            return flags.isEmpty() ? "(JVM defaults)" : String.join(" ", flags.values());
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    private static String optionName(String arg) {
        if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Xss")) {
            return arg.substring(0, 4);
        }
        if (arg.startsWith("-XX:")) {
            String rest = arg.substring(4).replaceFirst("^[+-]", "");
            return "-XX:" + rest.split("=", 2)[0];
        }
        return arg.split("=", 2)[0];
    }

    static long pidFromFile(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The HTTP port a Quarkus process logged ("Listening on: http://0.0.0.0:PORT"). The line comes a
     * moment after the server answers, so it is awaited.
     */
    static int quarkusPort(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (true) {
                Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no 'Listening on' line in " + log);
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sum of jvm_memory_used_bytes{area="heap"} over the heap pools, in MiB; -1 if unavailable. */
    static double heapUsedMiB(int port) {
        String metrics = get("http://127.0.0.1:" + port + "/q/metrics");
        if (metrics == null) {
            return -1;
        }
        double bytes = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? bytes / (1024 * 1024) : -1;
    }

    /**
     * Heap in use by {@code jcmd PID GC.heap_info}, in MiB, for a JVM without a metrics endpoint (the
     * agent): the "used" of every generation or heap line; -1 if unavailable.
     */
    static double heapUsedMiBByJcmd(long pid) {
        String out = jcmd(pid, "GC.heap_info");
        return out == null ? -1 : heapUsedMiB(out);
    }

    static double heapUsedMiB(String heapInfo) {
        Matcher m = HEAP_LINE.matcher(heapInfo);
        long kib = 0;
        boolean found = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? kib / 1024.0 : -1;
    }

    /** Seconds the JVM spent in GC pauses so far (jvm_gc_pause_seconds_sum over collectors); -1 if unknown. */
    static double gcPauseSeconds(int port) {
        String metrics = get("http://127.0.0.1:" + port + "/q/metrics");
        if (metrics == null) {
            return -1;
        }
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Asks the JVM for a full GC (jcmd GC.run), so the heap figure after it is the live set. */
    static void fullGc(long pid) {
        jcmd(pid, "GC.run"); // no jcmd (a JRE): the figure stays "heap used", as the table says
    }

    /** Saves {@code jcmd PID VM.native_memory summary} (needs -XX:NativeMemoryTracking) to {@code file}. */
    static void nativeMemory(long pid, Path file) {
        String out = jcmd(pid, "VM.native_memory", "summary");
        if (out != null) {
            try {
                Files.writeString(file, out);
            } catch (IOException e) {
                // Profiling aid only.
            }
        }
    }

    /** The output of {@code jcmd PID COMMAND...} of this JVM's JDK, or null when it cannot run. */
    private static String jcmd(long pid, String... command) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    static int httpStatus(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            if (c.getResponseCode() != 200) {
                return null;
            }
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
