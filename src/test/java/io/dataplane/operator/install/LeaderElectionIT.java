package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.runtime.LeaderElection;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas of the packaged operator under the install's ServiceAccount, as the Deployment runs them:
 * one holds the Lease and reconciles; when it dies without a goodbye (SIGKILL, as a node failure), the
 * other takes the Lease over and reconciles what was created meanwhile. The time it takes is printed;
 * the bound asserted is generous (what users rely on is that failover happens, not its exact time).
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderElectionIT {
    /** Lease 15 s + one retry period + a reconcile, with ample room for a loaded machine. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(90);

    private KubernetesClient client;
    private String ns;
    private InstalledRbac rbac;
    private final List<OperatorProcess> replicas = new ArrayList<>();

    @BeforeAll
    void startTwoReplicas(ControlPlane cp, TestNamespace namespace) {
        client = cp.client();
        ns = namespace.name();
        cp.installCrds();
        rbac = InstalledRbac.apply(cp, ns);
        Path kubeconfig = rbac.kubeconfig(InstalledRbac.OPERATOR);
        for (String pod : List.of("replica-a", "replica-b")) {
            replicas.add(OperatorProcess.start(cp, kubeconfig, "operator-" + pod, Map.of("OPERATOR_NAMESPACE", ns,
                    "POD_NAME", pod, "DATAPLANE_LEADER_ELECTION_ENABLED", "true")));
        }
    }

    @AfterAll
    void stop() {
        replicas.forEach(OperatorProcess::close);
        if (rbac != null) {
            rbac.close();
        }
    }

    @Test
    void standbyTakesOverWhenTheLeaderIsKilled() {
        await().atMost(Duration.ofSeconds(60)).until(() -> holder() != null);
        String firstHolder = holder();
        OperatorProcess leader = replicaOf(firstHolder);
        OperatorProcess standby = replicas.get(1 - replicas.indexOf(leader));
        System.out.printf("[ha] lease %s/%s held by %s%n", ns, LeaderElection.LEASE_NAME, firstHolder);
        client.resource(network("before")).create();
        awaitReady("before", Duration.ofSeconds(60));
        assertThat(standby.isAlive()).as("the standby waits, it does not exit").isTrue();

        leader.kill();
        long killed = System.nanoTime();
        client.resource(network("after")).create();
        await().atMost(FAILOVER_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> holder() != null && !holder().equals(firstHolder));
        double leaseSeconds = (System.nanoTime() - killed) / 1e9;
        String newHolder = holder();
        awaitReady("after", FAILOVER_BOUND);
        double reconciledSeconds = (System.nanoTime() - killed) / 1e9;

        System.out.printf("[ha] leader %s killed; %s held the lease after %.1f s and reconciled a network created "
                + "at the kill after %.1f s (lease 15 s, renew deadline 10 s, retry 2 s)%n", firstHolder, newHolder,
                leaseSeconds, reconciledSeconds);
        assertThat(replicaOf(newHolder)).as("the new holder is the standby").isSameAs(standby);
        assertThat(reconciledSeconds).as("failover time in seconds").isLessThan(FAILOVER_BOUND.toSeconds());
        assertThat(standby.isAlive()).isTrue();
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(ns).withName(LeaderElection.LEASE_NAME).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** Identities are {@code <POD_NAME>_<random>}. */
    private OperatorProcess replicaOf(String identity) {
        String pod = identity.substring(0, identity.lastIndexOf('_'));
        return replicas.get(pod.equals("replica-a") ? 0 : 1);
    }

    private NfvNetwork network(String name) {
        return Serialization.unmarshal("""
                apiVersion: nfv.dataplane.io/v1alpha1
                kind: NfvNetwork
                metadata: {name: %s, namespace: %s}
                spec: {type: sriov, resourceName: ha_pool}
                """.formatted(name, ns), NfvNetwork.class);
    }

    private void awaitReady(String name, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            NfvNetwork n = client.resources(NfvNetwork.class).inNamespace(ns).withName(name).get();
            assertThat(n.getStatus()).as("status of %s", name).isNotNull();
            assertThat(Conditions.isTrue(n.getStatus().getConditions(), Conditions.READY)).as("Ready of %s", name).isTrue();
        });
    }
}
