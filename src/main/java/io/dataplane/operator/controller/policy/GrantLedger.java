package io.dataplane.operator.controller.policy;

import io.dataplane.operator.policy.DisruptionBudget;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises grant decisions. Nodes reconcile concurrently and the informer cache lags behind writes, so
 * two reconciles could each see a free slot and both take it. The ledger remembers grants this process
 * decided until the cache shows a newer generation of the node's state than the one decided on (only
 * the operator writes the spec, so that is its write), and decides under one lock; with leader election
 * there is one such process. "The cache shows a grant" would not do: a spent grant from before looks
 * the same, and an agent that finishes quickly may spend the new one before anyone looks.
 */
@ApplicationScoped
public class GrantLedger {
    /** After this long a grant that never showed up in the cache is forgotten (its write must have failed). */
    static final Duration PENDING_TTL = Duration.ofMinutes(2);

    private record Pending(Instant at, long decidedOn) {
    }

    private final Map<String, Pending> pending = new HashMap<>();
    private final Clock clock;

    public GrantLedger() {
        this(Clock.systemUTC());
    }

    GrantLedger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether {@code node} may start a disruptive change now, given every node's cached state. A positive
     * answer is remembered until the cache shows the grant or {@link #forget} is called.
     */
    public synchronized boolean tryGrant(String node, Collection<DisruptionBudget.NodeState> nodes,
            Map<String, Integer> allowance) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.at().plus(PENDING_TTL).isBefore(now));
        List<DisruptionBudget.NodeState> view = new ArrayList<>(nodes.size());
        long decidedOn = 0;
        for (DisruptionBudget.NodeState n : nodes) {
            Pending p = pending.get(n.node());
            if (n.node().equals(node)) {
                decidedOn = n.generation();
            }
            if (p != null && n.generation() > p.decidedOn()) {
                pending.remove(n.node()); // the cache caught up
                view.add(n);
            } else if (p != null) {
                view.add(new DisruptionBudget.NodeState(n.node(), n.policies(), n.requested(), true, false, n.generation()));
            } else {
                view.add(n);
            }
        }
        boolean granted = DisruptionBudget.holders(view, allowance).contains(node);
        if (granted) {
            pending.put(node, new Pending(now, decidedOn));
        }
        return granted;
    }

    /** The grant for {@code node} was not written (or was released): stop counting it. */
    public synchronized void forget(String node) {
        pending.remove(node);
    }

    synchronized int pendingCount() {
        return pending.size();
    }
}
