package io.dataplane.operator.runtime;

import io.dataplane.operator.config.OperatorSettings;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Leader election of the operator's replicas on a {@code coordination.k8s.io} Lease in the operator's
 * namespace. Every replica starts its informers (warm caches, so a standby is ready); only the Lease
 * holder processes events. A replica that loses the Lease exits, so it can never reconcile next to a
 * new leader. quarkus-operator-sdk picks this bean up in the prod profile only.
 *
 * <p>Off unless {@code DATAPLANE_LEADER_ELECTION_ENABLED=true}, as the shipped Deployment sets it: a
 * single process run by hand ({@code make run}, {@code java -jar}) then needs neither the namespace nor
 * the Lease permissions.
 */
@Singleton
public class LeaderElection {
    public static final String LEASE_NAME = "dataplane-operator-leader";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    /** Null (no leader election) when disabled; JOSDK then processes events at once. */
    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection(OperatorSettings settings,
            @ConfigProperty(name = "dataplane.leader-election.enabled", defaultValue = "false") boolean enabled,
            // A standby takes over at most this long after the leader's last renewal.
            @ConfigProperty(name = "dataplane.leader-election.lease-duration", defaultValue = "15s") Duration leaseDuration,
            // The leader gives up (and exits) when it could not renew for this long.
            @ConfigProperty(name = "dataplane.leader-election.renew-deadline", defaultValue = "10s") Duration renewDeadline,
            // Interval of renewals by the leader and of acquisition attempts by standbys.
            @ConfigProperty(name = "dataplane.leader-election.retry-period", defaultValue = "2s") Duration retryPeriod) {
        if (!enabled) {
            return null;
        }
        String identity = identity(System.getenv("POD_NAME"), System.getenv("HOSTNAME"), UUID.randomUUID());
        LOG.infof("leader election on Lease %s/%s as %s (lease %s, renew deadline %s, retry %s)", settings.namespace(),
                LEASE_NAME, identity, leaseDuration, renewDeadline, retryPeriod);
        return configuration(settings.namespace(), identity, leaseDuration, renewDeadline, retryPeriod);
    }

    static LeaderElectionConfiguration configuration(String namespace, String identity, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod) {
        if (!(retryPeriod.compareTo(renewDeadline) < 0 && renewDeadline.compareTo(leaseDuration) < 0)) {
            // The same rule as client-go: otherwise a healthy leader can lose its Lease between renewals.
            throw new IllegalArgumentException("leader election needs retry-period < renew-deadline < lease-duration, got "
                    + retryPeriod + ", " + renewDeadline + ", " + leaseDuration);
        }
        // The constructor, not the builder: the builder turns exit-on-stop-leading off, and a replica that
        // lost its Lease but kept reconciling would work next to the new leader.
        return new LeaderElectionConfiguration(LEASE_NAME, namespace, leaseDuration, renewDeadline, retryPeriod, identity,
                null, true);
    }

    /**
     * The pod's name (unique among the replicas and readable in the Lease) plus a random suffix, so two
     * processes sharing a host name — or one pod restarted in place — never share an identity.
     */
    static String identity(String podName, String hostName, UUID random) {
        String base = podName != null && !podName.isBlank() ? podName
                : hostName != null && !hostName.isBlank() ? hostName : "dataplane-operator";
        return base + "_" + random.toString().substring(0, 8);
    }
}
