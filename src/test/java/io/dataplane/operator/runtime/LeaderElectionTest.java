package io.dataplane.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderElectionTest {
    private static final UUID RANDOM = UUID.fromString("0a1b2c3d-0000-0000-0000-000000000000");

    @ParameterizedTest(name = "pod={0} host={1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "dataplane-operator-7d9f-abcde, node-1,  dataplane-operator-7d9f-abcde_0a1b2c3d",
            "null,                          node-1,  node-1_0a1b2c3d",
            "'',                            node-1,  node-1_0a1b2c3d",
            "null,                          null,    dataplane-operator_0a1b2c3d",
    })
    void identityNamesThePodAndIsUniquePerProcess(String pod, String host, String expected) {
        assertThat(LeaderElection.identity(pod, host, RANDOM)).isEqualTo(expected);
    }

    @Test
    void twoProcessesOnOneHostGetDifferentIdentities() {
        assertThat(LeaderElection.identity(null, "laptop", UUID.randomUUID()))
                .isNotEqualTo(LeaderElection.identity(null, "laptop", UUID.randomUUID()));
    }

    @Test
    void leaseInTheOperatorNamespaceAndTheLeaderExitsWhenItLosesIt() {
        LeaderElectionConfiguration c = LeaderElection.configuration("ops", "me", Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(c.getLeaseName()).isEqualTo(LeaderElection.LEASE_NAME);
        assertThat(c.getLeaseNamespace()).contains("ops");
        assertThat(c.getIdentity()).contains("me");
        assertThat(c.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.getRenewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.getRetryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.isExitOnStopLeading()).as("a deposed leader must not keep reconciling").isTrue();
    }

    @ParameterizedTest(name = "lease={0}s renew={1}s retry={2}s")
    @CsvSource({"10, 10, 2", "15, 10, 10", "5, 10, 2"})
    void timingsThatWouldLoseAHealthyLeaseAreRefused(int lease, int renew, int retry) {
        assertThatThrownBy(() -> LeaderElection.configuration("ops", "me", Duration.ofSeconds(lease),
                Duration.ofSeconds(renew), Duration.ofSeconds(retry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry-period < renew-deadline");
    }
}
