package io.dataplane.operator.policy;

import java.util.BitSet;

/** Linux CPU lists ({@code 0-3,8,10-11}) as bit sets, for "is this set inside the node's CPUs" checks. */
public final class CpuSet {
    private CpuSet() {
    }

    /** Parses a CPU list; throws IllegalArgumentException on anything else. Null or blank is the empty set. */
    public static BitSet parse(String list) {
        BitSet cpus = new BitSet();
        if (list == null || list.isBlank()) {
            return cpus;
        }
        for (String part : list.trim().split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 0 || to < from) {
                    throw new IllegalArgumentException("invalid CPU range '" + p + "' in '" + list + "'");
                }
                cpus.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid CPU list '" + list + "'");
            }
        }
        return cpus;
    }

    /** The CPUs of {@code set} that are not in {@code within}, as a CPU list; empty when none. */
    public static String outside(BitSet set, BitSet within) {
        BitSet extra = (BitSet) set.clone();
        extra.andNot(within);
        return format(extra);
    }

    public static String format(BitSet cpus) {
        StringBuilder out = new StringBuilder();
        int from = cpus.nextSetBit(0);
        while (from >= 0) {
            int to = cpus.nextClearBit(from) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(from);
            if (to > from) {
                out.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return out.toString();
    }
}
