package io.dataplane.operator.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may be in a disruptive change now. A pure function of every node's request and grant, so that any
 * reconcile, for any node, computes the same answer from the same cache.
 *
 * <p>A grant is for the generation of the spec it is written with: once the agent applied that
 * generation (and uncordoned) the grant is <em>spent</em>. It then holds no slot and the agent no longer
 * uses it, so the operator leaves it in the spec instead of spending a write (and the agent's
 * acknowledgement of that write) per node on clearing it.
 */
public final class DisruptionBudget {
    /** Budget group of nodes no policy selects (they revert, which may disrupt too): one at a time. */
    public static final String UNSELECTED = "";
    public static final int DEFAULT_MAX_UNAVAILABLE = 1;

    /**
     * One node as the budget sees it.
     *
     * @param policies the policies selecting it (empty: the {@link #UNSELECTED} group)
     * @param requested the agent asks for a disruptive change (status.disruptionRequired)
     * @param granted spec.disruptionAllowed is set
     * @param spent the agent applied the generation the grant came with and uncordoned: the grant is used up
     * @param generation of the state as cached (the grant ledger waits for a newer one after a grant)
     */
    public record NodeState(String node, Collection<String> policies, boolean requested, boolean granted,
            boolean spent, long generation) {
        /** In a disruptive change, or failed in one: counts against the budget. */
        public boolean holding() {
            return granted && !spent;
        }
    }

    private DisruptionBudget() {
    }

    /**
     * How many of {@code matched} nodes may be disrupted at once: an integer as is; a percentage of the
     * matched nodes rounded down, but at least 1 unless the percentage is 0; absent means 1. 0 stops
     * disruptive changes altogether (non-disruptive ones still roll out).
     */
    public static int allowance(IntOrString maxUnavailable, int matched) {
        if (maxUnavailable == null) {
            return DEFAULT_MAX_UNAVAILABLE;
        }
        if (maxUnavailable.getIntVal() != null) {
            return Math.max(0, maxUnavailable.getIntVal());
        }
        String s = maxUnavailable.getStrVal();
        if (s == null || !s.matches("\\d{1,3}%")) {
            return DEFAULT_MAX_UNAVAILABLE; // the schema rejects anything else
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        if (percent == 0) {
            return 0;
        }
        return Math.max(1, percent * matched / 100);
    }

    /**
     * A budget that can never make a node wait: a percentage of 100 or more. Nodes under such budgets alone
     * get their grant with the intent instead of asking for it (one round trip less each); an integer is
     * not taken as unbounded even when it exceeds today's node count, since nodes can join between decisions.
     */
    public static boolean unbounded(IntOrString maxUnavailable) {
        if (maxUnavailable == null || maxUnavailable.getStrVal() == null) {
            return false;
        }
        String s = maxUnavailable.getStrVal();
        return s.matches("\\d{1,3}%") && Integer.parseInt(s.substring(0, s.length() - 1)) >= 100;
    }

    /**
     * The nodes that hold a grant after this decision. Nodes already holding one keep it until they spend it
     * (a failed node keeps it: its change is not over, and it still counts against the budget); waiting
     * nodes — asking, and holding no grant, a spent one included — are granted in name order while every
     * policy selecting them has room; a node selected by several policies takes the strictest budget.
     *
     * @param allowance per policy name, from {@link #allowance}; missing policies count as 1
     */
    public static Set<String> holders(Collection<NodeState> nodes, Map<String, Integer> allowance) {
        Map<String, Integer> used = new HashMap<>();
        Set<String> out = new LinkedHashSet<>();
        List<NodeState> waiting = new ArrayList<>();
        for (NodeState n : nodes) {
            if (n.holding()) {
                out.add(n.node());
                groups(n).forEach(g -> used.merge(g, 1, Integer::sum));
            } else if (n.requested()) {
                waiting.add(n);
            }
        }
        waiting.sort(Comparator.comparing(NodeState::node));
        for (NodeState n : waiting) {
            boolean room = groups(n).stream()
                    .allMatch(g -> used.getOrDefault(g, 0) < allowance.getOrDefault(g, DEFAULT_MAX_UNAVAILABLE));
            if (room) {
                out.add(n.node());
                groups(n).forEach(g -> used.merge(g, 1, Integer::sum));
            }
        }
        return out;
    }

    private static Collection<String> groups(NodeState n) {
        return n.policies().isEmpty() ? List.of(UNSELECTED) : n.policies();
    }
}
