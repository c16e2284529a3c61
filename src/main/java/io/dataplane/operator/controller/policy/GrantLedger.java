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
 * wrote until the cache shows them, and decides under one lock; with leader election there is one such
 * process.
 */
@ApplicationScoped
public class GrantLedger {
    /** After this long a grant that never showed up in the cache is forgotten (its write must have failed). */
    static final Duration PENDING_TTL = Duration.ofMinutes(2);

    private final Map<String, Instant> pending = new HashMap<>();
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
        pending.values().removeIf(t -> t.plus(PENDING_TTL).isBefore(now));
        List<DisruptionBudget.NodeState> view = new ArrayList<>(nodes.size());
        for (DisruptionBudget.NodeState n : nodes) {
            if (n.granted()) {
                pending.remove(n.node()); // the cache caught up
                view.add(n);
            } else if (pending.containsKey(n.node())) {
                view.add(new DisruptionBudget.NodeState(n.node(), n.policies(), n.requested(), true, false));
            } else {
                view.add(n);
            }
        }
        boolean granted = DisruptionBudget.holders(view, allowance).contains(node);
        if (granted) {
            pending.put(node, now);
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
