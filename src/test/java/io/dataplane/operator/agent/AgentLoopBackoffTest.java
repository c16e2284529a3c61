package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentLoopBackoffTest {

    @ParameterizedTest(name = "failure #{0}, drain failed {1}: retry after {2} s")
    @CsvSource({
        "0, false, 5",
        "1, false, 10",
        "4, false, 80",
        "6, false, 300",   // 320 capped at five minutes
        "40, false, 300",  // no overflow however long it fails
        "0, true, 5",
        "3, true, 40",
        "4, true, 60",     // a blocked drain waits on the cluster: retried at least every minute
        "40, true, 60",
    })
    void backoffDoublesFromFiveSecondsToItsCap(int failures, boolean drainFailed, long seconds) {
        assertThat(AgentLoop.retryDelay(failures, drainFailed)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
