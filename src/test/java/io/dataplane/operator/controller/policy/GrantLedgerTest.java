package io.dataplane.operator.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.policy.DisruptionBudget.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger keeps concurrent reconciles reading a stale cache from granting the same slot twice. */
class GrantLedgerTest {
    static final Map<String, Integer> ONE = Map.of("p", 1);

    /** Both nodes wait at generation 1; the cache has not seen any grant yet. */
    static final List<NodeState> STALE = List.of(waiting("n1", 1), waiting("n2", 1));

    static NodeState waiting(String node, long generation) {
        return new NodeState(node, List.of("p"), true, false, false, generation);
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aGrantNotYetInTheCacheStillTakesTheSlot() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        assertThat(ledger.tryGrant("n1", STALE, ONE)).isTrue();
        // n2's reconcile runs before the cache shows n1's grant: without the ledger it would see a free slot.
        List<NodeState> n1Gone = List.of(waiting("n2", 1), new NodeState("n1", List.of("p"), false, false, false, 1));
        assertThat(ledger.tryGrant("n2", n1Gone, ONE)).isFalse();
    }

    @Test
    void aSpentGrantFromBeforeIsNotTakenForTheNewOne() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        assertThat(ledger.tryGrant("n1", STALE, ONE)).isTrue();
        // The cache still shows generation 1, whose grant (from an earlier change) the agent spent.
        List<NodeState> old = List.of(waiting("n2", 1), new NodeState("n1", List.of("p"), true, true, true, 1));
        assertThat(ledger.tryGrant("n2", old, ONE)).isFalse();
        assertThat(ledger.pendingCount()).isEqualTo(1);
    }

    @Test
    void onceTheCacheShowsTheGrantTheLedgerForgetsIt() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        ledger.tryGrant("n1", STALE, ONE);
        List<NodeState> seen = List.of(new NodeState("n1", List.of("p"), true, true, false, 2), waiting("n2", 1));
        assertThat(ledger.tryGrant("n2", seen, ONE)).isFalse();
        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void aGrantSpentBeforeAnyoneLookedFreesTheSlot() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        ledger.tryGrant("n1", STALE, ONE);
        // The agent applied generation 2 (the grant's) before the next decision: the newer generation tells.
        List<NodeState> done = List.of(new NodeState("n1", List.of("p"), false, true, true, 2), waiting("n2", 1));
        assertThat(ledger.tryGrant("n2", done, ONE)).isTrue();
    }

    @Test
    void aFailedWriteIsForgottenAndFreesTheSlot() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        ledger.tryGrant("n1", STALE, ONE);
        ledger.forget("n1");
        List<NodeState> n1Stopped = List.of(new NodeState("n1", List.of("p"), false, false, false, 1), waiting("n2", 1));
        assertThat(ledger.tryGrant("n2", n1Stopped, ONE)).isTrue();
    }

    @Test
    void aPendingGrantThatNeverShowsUpExpires() {
        MutableClock clock = new MutableClock();
        GrantLedger ledger = new GrantLedger(clock);
        ledger.tryGrant("n1", STALE, ONE);
        clock.now = clock.now.plus(GrantLedger.PENDING_TTL).plus(Duration.ofSeconds(1));
        List<NodeState> n1Stopped = List.of(new NodeState("n1", List.of("p"), false, false, false, 1), waiting("n2", 1));
        assertThat(ledger.tryGrant("n2", n1Stopped, ONE)).isTrue();
    }
}
