package io.dataplane.operator.agent;

import io.dataplane.operator.api.v1alpha1.LogLevel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import java.util.stream.Collectors;

/**
 * The agent's log: one line per record on stdout, in the operator's (Quarkus's) console format, at the
 * level of {@code dataplane.agent.log-level}. Plain java.util.logging, which jboss-logging writes to
 * (whichever log manager the JVM runs).
 */
final class AgentLogging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    private AgentLogging() {
    }

    /** Replaces the root logger's handlers by one on stdout at {@code level}. */
    static void configure(String level) {
        Level l = level(level);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler stdout = new StreamHandler(System.out, new LineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // a container log is read live
            }
        };
        stdout.setLevel(l);
        root.addHandler(stdout);
        root.setLevel(l);
    }

    /** A {@link LogLevel} as NfvOperatorConfig's logLevel spells it (the DaemonSet passes that value on). */
    static Level level(String name) {
        LogLevel level = Arrays.stream(LogLevel.values()).filter(l -> l.value().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataplane.agent.log-level: " + name + " is not one of "
                        + Arrays.stream(LogLevel.values()).map(LogLevel::value).collect(Collectors.joining(", "))));
        return switch (level) {
            case ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
        };
    }

    /** "2026-11-30 02:50:01,123 INFO  [io.dataplane.operator.agent.NodeAgent] (agent-worker-1) message". */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder(160).append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(String.format(Locale.ROOT, "%-5s", name(r.getLevel()))).append(" [").append(r.getLoggerName())
                    .append("] (").append(Thread.currentThread().getName()).append(") ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                b.append(trace);
            }
            return b.toString();
        }

        static String name(Level level) {
            int v = level.intValue();
            if (v >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (v >= Level.WARNING.intValue()) {
                return "WARN";
            }
            if (v >= Level.INFO.intValue()) {
                return "INFO";
            }
            return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }
}
