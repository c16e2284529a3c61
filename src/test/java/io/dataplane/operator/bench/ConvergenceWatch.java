package io.dataplane.operator.bench;

import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Watches NfvNetworks, NfvNodeStates and NfvNodePolicies (one informer each: a list, then a watch)
 * and notes when each part of the cluster converged. A watch instead of repeated lists: listing 1,000
 * states with their inventories every second would load the shared API server with megabytes of JSON
 * per poll, more than the events themselves.
 */
final class ConvergenceWatch implements AutoCloseable {
    /** Seconds since the start of the phase at which each part converged; -1 if it did not in time. */
    record Milestones(double networksReady, double statesCreated, double statesInSync, double policiesReady, String missing) {
        /** When the definition holds: every network Ready and every state in sync. */
        double converged() {
            return networksReady < 0 || statesInSync < 0 ? -1 : Math.max(networksReady, statesInSync);
        }

        /** When everything the operator reports settled, policy status included. */
        double settled() {
            return converged() < 0 || policiesReady < 0 ? -1 : Math.max(converged(), policiesReady);
        }
    }

    private final SharedIndexInformer<NfvNetwork> networks;
    private final SharedIndexInformer<NfvNodeState> states;
    private final SharedIndexInformer<NfvNodePolicy> policies;
    /** Nodes whose agent reported Failed at some point, with the first message: printed, since a
     * converged run can hide them (the agent retried and succeeded). */
    private final Map<String, String> failures = new ConcurrentSkipListMap<>();
    /** Events the tallies of the running {@link #await} have counted (guarded by this). */
    private long changes;

    ConvergenceWatch(KubernetesClient client) {
        networks = client.resources(NfvNetwork.class).inAnyNamespace().inform();
        states = client.resources(NfvNodeState.class).inform();
        states.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(NfvNodeState s) {
                if (s.getStatus() != null && s.getStatus().getSyncStatus() == SyncStatus.FAILED) {
                    failures.putIfAbsent(s.getMetadata().getName(), String.valueOf(s.getStatus().getMessage()));
                }
            }

            @Override
            public void onUpdate(NfvNodeState before, NfvNodeState s) {
                onAdd(s);
            }

            @Override
            public void onDelete(NfvNodeState s, boolean unknown) {
            }
        });
        policies = client.resources(NfvNodePolicy.class).inform();
    }

    /** Prints and forgets the agent failures seen since the last call. */
    void reportFailures(String label) {
        if (failures.isEmpty()) {
            return;
        }
        var first = failures.entrySet().iterator().next();
        System.out.printf("[bench] %s: agents reported Failed on %d node(s) on the way, e.g. %s: %s%n", label,
                failures.size(), first.getKey(), first.getValue());
        failures.clear();
    }

    /**
     * Waits until {@code networkCount} networks are Ready for their generation, a state for each of
     * {@code nodes} exists and is in sync and matches {@code stateWanted}, and every policy named is Ready
     * for its generation. Returns what was reached by {@code timeout} after {@code t0} (System.nanoTime()).
     */
    Milestones await(long t0, Duration timeout, int networkCount, Set<String> nodes, Predicate<NfvNodeState> stateWanted,
            Set<String> policyNames, String label) {
        Tally<NfvNetwork> ready = new Tally<>(ConvergenceWatch::networkReady, this::changed);
        Tally<NfvNodeState> created = new Tally<>(s -> nodes.contains(s.getMetadata().getName()) && s.getSpec() != null
                && !s.getSpec().getPolicies().isEmpty(), this::changed);
        Tally<NfvNodeState> inSync = new Tally<>(s -> nodes.contains(s.getMetadata().getName()) && inSync(s)
                && stateWanted.test(s), this::changed);
        Tally<NfvNodePolicy> policiesOk = new Tally<>(p -> policyNames.contains(p.getMetadata().getName()) && policyReady(p),
                this::changed);
        // Added to running informers: each first hears the objects already cached, as adds.
        networks.addEventHandler(ready);
        states.addEventHandler(created).addEventHandler(inSync);
        policies.addEventHandler(policiesOk);
        try {
            return await(t0, timeout, label, networkCount, nodes.size(), policyNames.size(), ready, created, inSync, policiesOk);
        } finally {
            networks.removeEventHandler(ready);
            states.removeEventHandler(created).removeEventHandler(inSync);
            policies.removeEventHandler(policiesOk);
        }
    }

    private Milestones await(long t0, Duration timeout, String label, int networkCount, int nodeCount, int policyCount,
            Tally<NfvNetwork> ready, Tally<NfvNodeState> created, Tally<NfvNodeState> inSync, Tally<NfvNodePolicy> policiesOk) {
        double networksReady = -1;
        double statesCreated = -1;
        double statesInSync = -1;
        double policiesReady = -1;
        long deadline = t0 + timeout.toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String missing = "";
        while (true) {
            long seen = changes;
            double now = (System.nanoTime() - t0) / 1e9;
            // Each milestone is when its condition last became true: a policy may say Ready early
            // (no state lists it yet) and stop being Ready once states appear.
            networksReady = since(networksReady, ready.count() >= networkCount, now);
            statesCreated = since(statesCreated, created.count() >= nodeCount, now);
            statesInSync = since(statesInSync, inSync.count() >= nodeCount, now);
            policiesReady = since(policiesReady, policiesOk.count() >= policyCount, now);
            missing = "networks Ready %d/%d, states created %d/%d, in sync %d/%d, policies Ready %d/%d".formatted(ready.count(),
                    networkCount, created.count(), nodeCount, inSync.count(), nodeCount, policiesOk.count(), policyCount);
            if (networksReady >= 0 && statesInSync >= 0 && policiesReady >= 0) {
                reportFailures(label);
                return new Milestones(networksReady, statesCreated, statesInSync, policiesReady, "");
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("[bench] %s: gave up after %s: %s%n", label, timeout, missing);
                reportFailures(label);
                return new Milestones(networksReady, statesCreated, statesInSync, policiesReady, missing);
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf("[bench] %s +%.0fs: %s%n", label, now, missing);
                nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            waitForChange(seen);
        }
    }

    /** Called by the tallies after each event: wakes {@link #await} to look again at once. */
    private synchronized void changed() {
        changes++;
        notifyAll();
    }

    /** Until an event came in after {@code seen}, or a second passed (for the deadline and the report). */
    private synchronized void waitForChange(long seen) {
        if (changes != seen) {
            return;
        }
        try {
            wait(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double since(double since, boolean holds, double now) {
        return !holds ? -1 : since >= 0 ? since : now;
    }

    Collection<NfvNodeState> states() {
        return states.getStore().list();
    }

    Collection<NfvNetwork> networks() {
        return networks.getStore().list();
    }

    Collection<NfvNodePolicy> policies() {
        return policies.getStore().list();
    }

    static boolean networkReady(NfvNetwork n) {
        return n.getStatus() != null && Conditions.isTrue(n.getStatus().getConditions(), Conditions.READY)
                && Objects.equals(n.getStatus().getObservedGeneration(), n.getMetadata().getGeneration());
    }

    /**
     * The agent applied exactly the state's current generation, and no disruptive change is asked or
     * under way (a grant left in the spec is spent once its generation is applied: nothing follows it).
     */
    static boolean inSync(NfvNodeState s) {
        return s.getSpec() != null && !s.getSpec().getPolicies().isEmpty() && !s.getSpec().getInterfaces().isEmpty()
                && s.getStatus() != null && s.getStatus().getSyncStatus() == SyncStatus.SUCCEEDED
                && Objects.equals(s.getStatus().getLastAppliedGeneration(), s.getMetadata().getGeneration())
                && !Boolean.TRUE.equals(s.getStatus().getDisruptionRequired())
                && !Boolean.TRUE.equals(s.getStatus().getCordoned());
    }

    static boolean policyReady(NfvNodePolicy p) {
        return p.getStatus() != null && Conditions.isTrue(p.getStatus().getConditions(), Conditions.READY)
                && Objects.equals(p.getStatus().getObservedGeneration(), p.getMetadata().getGeneration());
    }

    @Override
    public void close() {
        networks.close();
        states.close();
        policies.close();
    }
}
