package io.dataplane.operator.agent;

import io.dataplane.operator.agent.apply.Reasons;
import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.agent.cluster.StateRegistrar;
import io.dataplane.operator.agent.cluster.StatusWriter;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.controller.Conditions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs one {@link NodeAgent}: events about its NfvNodeState are coalesced (only the latest object
 * counts, and at most one reconcile runs at a time, with one more queued), the status is written
 * only when it differs from what the server has (at most one write per reconcile), capabilities are
 * published, and the next reconcile is scheduled: with backoff after a failure, else after the
 * resync period.
 */
public final class AgentLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentLoop.class);
    static final Duration MIN_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /**
     * A drain that timed out waits on the cluster (a PodDisruptionBudget, a pod that will not go), not on
     * the host: once that clears the rollout should resume within a minute, not after five.
     */
    static final Duration MAX_DRAIN_BACKOFF = Duration.ofMinutes(1);

    private final NodeAgent agent;
    private final StatusWriter writer;
    private final CapabilityPublisher publisher;
    private final StateRegistrar registrar;
    private final Executor worker;
    private final ScheduledExecutorService timer;
    private final Duration resync;

    private final AtomicReference<NfvNodeState> latest = new AtomicReference<>();
    private final AtomicLong reconciles = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private volatile NfvNodeStateStatus lastWritten;
    private volatile boolean ready;
    private volatile Throwable lastError;
    private boolean running;
    private boolean dirty;
    private boolean closed;
    private int failures;
    private ScheduledFuture<?> next;
    /** Registration is tried until it succeeds once: a state deleted later is not created again by this loop. */
    private volatile boolean registered;

    /**
     * @param publisher null to publish no capabilities
     * @param registrar null to leave creating the node's state to the operator
     * @param worker runs reconciles (one at a time for this loop; may be shared with other loops)
     */
    public AgentLoop(NodeAgent agent, StatusWriter writer, CapabilityPublisher publisher, StateRegistrar registrar,
            Executor worker, ScheduledExecutorService timer, Duration resync) {
        this.agent = agent;
        this.writer = writer;
        this.publisher = publisher;
        this.registrar = registrar;
        this.worker = worker;
        this.timer = timer;
        this.resync = resync;
    }

    public String node() {
        return agent.node();
    }

    /** An add or update of the node's NfvNodeState. */
    public void onState(NfvNodeState state) {
        NfvNodeState current = latest.get();
        if (current != null && Objects.equals(rv(current), rv(state))) {
            return; // already seen (the echo of our own write, read back from the server)
        }
        latest.set(state);
        if (current != null && Objects.equals(current.getMetadata().getGeneration(), state.getMetadata().getGeneration())
                && lastWritten != null && StatusComparison.same(state.getStatus(), lastWritten)) {
            return; // our own status write coming back: the spec is the same
        }
        trigger();
    }

    /**
     * The node's NfvNodeState is gone: nothing to apply or report (a deleted state does not revert, and is not
     * registered again until the agent restarts).
     */
    public void onDeleted() {
        latest.set(null);
        ready = true;
    }

    /**
     * The informer listed and found no state for this node: nothing to apply, but the node's capability
     * labels are published (then kept current at each resync), so that a policy can select the node by
     * them and a first rollout does not spend a Node write on them, and the node's state is registered
     * ({@link StateRegistrar}). Ready once the registered state was first reported, or once that was tried.
     */
    public void onSyncedWithoutState() {
        if (latest.get() == null) {
            if (publisher == null && registrar == null) {
                ready = true;
            } else {
                trigger();
            }
        }
    }

    /** True once the first reconcile finished (so after a reboot the host was re-applied), or there is no state. */
    public boolean ready() {
        return ready;
    }

    public long reconciles() {
        return reconciles.get();
    }

    public long statusWrites() {
        return writes.get();
    }

    /** The error of the last reconcile or write, if it failed; null otherwise. */
    public Throwable lastError() {
        return lastError;
    }

    /** Asks for a reconcile now (coalesced with one already queued). */
    public void trigger() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (running) {
                dirty = true;
                return;
            }
            running = true;
        }
        worker.execute(this::drain);
    }

    private void drain() {
        while (true) {
            runOnce();
            synchronized (this) {
                if (!dirty || closed) {
                    running = false;
                    return;
                }
                dirty = false;
            }
        }
    }

    private void runOnce() {
        NfvNodeState state = latest.get();
        if (state == null) {
            discovered();
            return;
        }
        reconciles.incrementAndGet();
        NfvNodeStateStatus status;
        boolean failed;
        boolean drainFailed;
        try {
            status = agent.reconcile(state);
            failed = status.getSyncStatus() == SyncStatus.FAILED;
            drainFailed = failed && Reasons.DRAIN_FAILED.equals(Conditions.reason(status.getConditions(), Conditions.DEGRADED));
            lastError = null;
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: reconcile failed", agent.node());
            status = agent.failed(state, e);
            failed = true;
            drainFailed = false;
            lastError = e;
        }
        try {
            if (!StatusComparison.same(state.getStatus(), status)) {
                // Before the write: its watch event can come in before its response, and must be known
                // as our echo then too (else it starts another reconcile at once: after a failure, a
                // retry with no backoff, and another failure counted).
                lastWritten = status;
                NfvNodeState written = writer.write(agent.node(), status);
                writes.incrementAndGet();
                if (written != null) {
                    latest.compareAndSet(state, written);
                }
            }
            if (publisher != null) {
                // No write when the labels rode in the reconcile's cordon or uncordon.
                publisher.publish(NodeCapabilities.labels(status.getInventory()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s: cannot write status or labels: %s", agent.node(), e.getMessage());
            failed = true;
            lastError = e;
        }
        if (NodeStatusBuilder.isDraining(status)) {
            synchronized (this) {
                dirty = true; // cordoned and said so: drain and apply right away
            }
            return;
        }
        ready = true;
        schedule(failed, drainFailed);
    }

    /** Without a state: publishes the host's capabilities and registers the node's state (once). */
    private void discovered() {
        boolean failed = false;
        boolean created = false;
        try {
            if (registrar != null && !registered) {
                created = registrar.register(agent.node());
                registered = true;
            }
            if (publisher != null) {
                publisher.publish(NodeCapabilities.labels(agent.discover()));
            }
            lastError = null;
        } catch (RuntimeException e) {
            LOG.warnf("%s: cannot register the node's state or publish its capabilities: %s", agent.node(), e.getMessage());
            failed = true;
            lastError = e;
        }
        // A state just created comes back as an event; its first report makes the agent ready.
        if (!created) {
            ready = true;
        }
        schedule(failed, false);
    }

    private synchronized void schedule(boolean failed, boolean drainFailed) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        Duration delay;
        if (failed) {
            delay = retryDelay(failures, drainFailed);
            failures++;
        } else {
            failures = 0;
            delay = resync;
        }
        next = timer.schedule(this::timerFired, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A resync or retry is due. A reconcile already running covers it and schedules the next one when it
     * ends; queueing another would run it at once after, and after a failure that is a retry without
     * backoff (a timer firing during a long drain did that, in CI nine times in a row).
     */
    private void timerFired() {
        synchronized (this) {
            if (running) {
                return;
            }
        }
        trigger();
    }

    /** Backoff after the {@code failures}-th failure in a row (0 for the first): 5 s doubling, capped. */
    static Duration retryDelay(int failures, boolean drainFailed) {
        Duration cap = drainFailed ? MAX_DRAIN_BACKOFF : MAX_BACKOFF;
        return Duration.ofMillis(Math.min(cap.toMillis(), MIN_BACKOFF.toMillis() << Math.min(failures, 10)));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private static String rv(NfvNodeState s) {
        return s.getMetadata().getResourceVersion();
    }
}
