package io.dataplane.operator.host;

import java.util.Collection;
import java.util.TreeSet;
import java.util.SortedSet;

/** The kernel's CPU list format ({@code 0-3,8,10-11}), as in {@code cpulist} and {@code online}. */
public final class CpuList {

    private CpuList() {
    }

    /** Parses a CPU list; blank gives an empty set. */
    public static SortedSet<Integer> parse(String list) {
        SortedSet<Integer> cpus = new TreeSet<>();
        if (list == null || list.isBlank()) {
            return cpus;
        }
        for (String part : list.strip().split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            if (dash < 0) {
                cpus.add(Integer.parseInt(p));
            } else {
                int from = Integer.parseInt(p.substring(0, dash));
                int to = Integer.parseInt(p.substring(dash + 1));
                if (to < from) {
                    throw new IllegalArgumentException("descending range in cpu list: " + list);
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            }
        }
        return cpus;
    }

    /** Formats CPUs as the kernel does: ascending, runs of two or more joined with a dash. */
    public static String format(Collection<Integer> cpus) {
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int c : new TreeSet<>(cpus)) {
            if (start != null && c == prev + 1) {
                prev = c;
                continue;
            }
            if (start != null) {
                appendRun(sb, start, prev);
            }
            start = c;
            prev = c;
        }
        if (start != null) {
            appendRun(sb, start, prev);
        }
        return sb.toString();
    }

    private static void appendRun(StringBuilder sb, int start, int end) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(start);
        if (end > start) {
            sb.append('-').append(end);
        }
    }
}
