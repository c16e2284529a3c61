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

    /** Both nodes wait; the cache has not seen any grant yet. */
    static final List<NodeState> STALE = List.of(
            new NodeState("n1", List.of("p"), true, false, false),
            new NodeState("n2", List.of("p"), true, false, false));

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
        List<NodeState> n1Gone = List.of(new NodeState("n2", List.of("p"), true, false, false),
                new NodeState("n1", List.of("p"), false, false, false));
        assertThat(ledger.tryGrant("n2", n1Gone, ONE)).isFalse();
    }

    @Test
    void onceTheCacheShowsTheGrantTheLedgerForgetsIt() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        ledger.tryGrant("n1", STALE, ONE);
        List<NodeState> seen = List.of(new NodeState("n1", List.of("p"), true, true, false),
                new NodeState("n2", List.of("p"), true, false, false));
        assertThat(ledger.tryGrant("n2", seen, ONE)).isFalse();
        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void aFailedWriteIsForgottenAndFreesTheSlot() {
        GrantLedger ledger = new GrantLedger(new MutableClock());
        ledger.tryGrant("n1", STALE, ONE);
        ledger.forget("n1");
        List<NodeState> n1Stopped = List.of(new NodeState("n1", List.of("p"), false, false, false),
                new NodeState("n2", List.of("p"), true, false, false));
        assertThat(ledger.tryGrant("n2", n1Stopped, ONE)).isTrue();
    }

    @Test
    void aPendingGrantThatNeverShowsUpExpires() {
        MutableClock clock = new MutableClock();
        GrantLedger ledger = new GrantLedger(clock);
        ledger.tryGrant("n1", STALE, ONE);
        clock.now = clock.now.plus(GrantLedger.PENDING_TTL).plus(Duration.ofSeconds(1));
        List<NodeState> n1Stopped = List.of(new NodeState("n1", List.of("p"), false, false, false),
                new NodeState("n2", List.of("p"), true, false, false));
        assertThat(ledger.tryGrant("n2", n1Stopped, ONE)).isTrue();
    }
}
