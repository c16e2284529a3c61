package io.dataplane.operator.agent;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.ApplyReport;
import io.dataplane.operator.agent.apply.HostApplier;
import io.dataplane.operator.agent.apply.HostCommands;
import io.dataplane.operator.agent.apply.KubeletConfigReader;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.apply.OwnedState;
import io.dataplane.operator.agent.apply.OwnedStateStore;
import io.dataplane.operator.agent.apply.Reasons;
import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.NodeCapabilities;
import io.dataplane.operator.agent.cluster.NodeControl;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.OvsInventory;
import io.dataplane.operator.host.HostFs;
import io.dataplane.operator.host.HostInventoryReader;
import io.dataplane.operator.ovsdb.OvsDpdkClient;
import io.dataplane.operator.ovsdb.OvsdbClient;
import io.dataplane.operator.ovsdb.OvsdbException;
import io.dataplane.operator.policy.NodeStates;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One node's agent: {@link #reconcile} takes the node's NfvNodeState and returns the status to
 * write. The host side goes through {@link HostFs}, OVSDB and {@link HostCommands}; the cluster
 * side only through {@link NodeControl} (cordon, drain). No static state: a process may run many.
 *
 * <p>A reconcile: read what the agent owns, plan (which changes are disruptive), cordon and drain
 * when a disruptive change is granted, apply (the rest always; disruptive changes only when
 * granted), uncordon when done, read the host back into the inventory. Capability labels that
 * changed ride in the cordon and uncordon patches of the Node.
 */
public final class NodeAgent {

    private static final Logger LOG = Logger.getLogger(NodeAgent.class);

    private final String node;
    private final HostFs fs;
    private final AgentPaths paths;
    private final OvsConnector ovs;
    private final NodeControl nodeControl;
    private final HostApplier applier;
    private final OwnedStateStore store;
    private final CapabilityPublisher labels;

    /** @param labels the loop's capability publisher, whose Node label changes ride in the cordon and uncordon; null for none */
    public NodeAgent(String node, HostFs fs, AgentPaths paths, HostCommands commands, OvsConnector ovs, NodeControl nodeControl,
            CapabilityPublisher labels) {
        this.node = node;
        this.labels = labels;
        this.fs = fs;
        this.paths = paths;
        this.ovs = ovs;
        this.nodeControl = nodeControl;
        this.applier = new HostApplier(fs, commands, paths);
        this.store = new OwnedStateStore(fs, paths.stateDir());
    }

    public String node() {
        return node;
    }

    public NfvNodeStateStatus reconcile(NfvNodeState state) {
        NfvNodeStateStatus previous = state.getStatus();
        Long generation = state.getMetadata().getGeneration();
        OwnedState owned = store.load().orElseGet(() -> recovered(previous));
        if (NodeStates.registeredOnly(state)) {
            // No intent yet (the state this agent registered): report the host, change nothing, not even to
            // revert what an earlier intent left — that waits for the operator's spec.
            return NodeStatusBuilder.registered(previous, generation, owned, discover());
        }
        NfvNodeStateSpec spec = state.getSpec();
        String bootId = fs.readIfExists(AgentPaths.BOOT_ID).orElse(null);
        // After a reboot, what the boot reset (huge pages, device bindings) comes back for the
        // generation applied before without a new grant: that change was granted already.
        boolean rebootReapply = bootId != null && owned.bootId != null && !bootId.equals(owned.bootId)
                && generation != null && generation.equals(owned.appliedGeneration);
        if (rebootReapply) {
            LOG.infof("%s: host rebooted; re-applying generation %d", node, generation);
        }

        try (Ovs session = Ovs.open(ovs)) {
            OvsdbClient ovsdb = session.client();
            String ovsUnreachable = session.unreachable();
            ApplyReport plan = applier.plan(spec, owned, store, ovsdb, rebootReapply);
            ApplyReport pre = new ApplyReport();
            boolean granted = !plan.pending().isEmpty() && Boolean.TRUE.equals(spec.getDisruptionAllowed())
                    && !grantSpent(generation, owned, previous);
            NodeControl.DrainSettings drain = granted ? drainSettings(pre) : null;
            boolean nothingToEvict = false;
            if (granted && drain != null && drain.enabled() && !owned.cordoned) {
                // Nothing was applied since the last report, whose inventory is the host as it is: read the
                // host again only when there is none (a grant in the state's first write).
                NodeInventory before = previous != null && previous.getInventory() != null ? previous.getInventory()
                        : inventory(ovsdb, ovsUnreachable);
                if (cordon(owned, pre, before)) {
                    if (somethingToEvict()) {
                        // Say so before the drain, which may take minutes: the node is never cordoned silently.
                        return NodeStatusBuilder.draining(previous, generation, plan, owned, before);
                    }
                    // No drain to wait for: change, uncordon and report it all in one status write.
                    nothingToEvict = true;
                }
            }
            boolean allow = granted && drain != null && (!drain.enabled() || nothingToEvict || drain(owned, plan, drain, pre));
            ApplyReport report = applier.apply(spec, owned, store, ovsdb, ovsUnreachable, allow, rebootReapply);
            pre.problems().forEach(p -> report.problems().add(0, p));
            NodeInventory inventory = inventory(ovsdb, ovsUnreachable);
            if (owned.cordoned && report.clean()) {
                uncordon(owned, report, inventory);
            }
            if (report.clean()) {
                owned.appliedGeneration = generation;
                owned.bootId = bootId;
                store.save(owned);
            }
            return NodeStatusBuilder.build(previous, generation, report, owned, inventory);
        }
    }

    /**
     * A grant is for the generation it came with: once that generation is applied the operator may leave
     * it in the spec, and a later disruptive repair at the same generation (the host drifted) must ask
     * the budget again rather than ride on it.
     */
    static boolean grantSpent(Long generation, OwnedState owned, NfvNodeStateStatus previous) {
        if (generation == null) {
            return false;
        }
        Long reported = previous == null ? null : previous.getLastAppliedGeneration();
        return generation.equals(owned.appliedGeneration) || (reported != null && reported >= generation);
    }

    /** What the host has, read without a state to apply (for the capability labels). */
    public NodeInventory discover() {
        try (Ovs session = Ovs.open(ovs)) {
            return inventory(session.client(), session.unreachable());
        }
    }

    /** One OVSDB connection for a reconcile, or why there is none. */
    private record Ovs(OvsdbClient client, String unreachable) implements AutoCloseable {
        static Ovs open(OvsConnector connector) {
            try {
                return new Ovs(connector.connect(), null);
            } catch (OvsdbException e) {
                return new Ovs(null, e.getMessage());
            }
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    /** The status for a reconcile that threw: Failed, with the error, keeping the last inventory. */
    public NfvNodeStateStatus failed(NfvNodeState state, RuntimeException e) {
        return NodeStatusBuilder.error(state.getStatus(), state.getMetadata().getGeneration(), e, cordonedOnHost());
    }

    /**
     * Whether the host file says the agent holds a cordon; null when unreadable. A cordon with nothing
     * to evict is reported only with the result, so the status before an error may not know of it.
     */
    private Boolean cordonedOnHost() {
        try {
            return store.load().map(o -> o.cordoned).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NodeControl.DrainSettings drainSettings(ApplyReport pre) {
        try {
            return nodeControl.drainSettings();
        } catch (KubernetesClientException e) {
            pre.problem(Reasons.CORDON_FAILED, "cannot read the drain settings: " + e.getMessage());
            return null;
        }
    }

    /**
     * Cordons unless the node is unschedulable already (then it is not the agent's to uncordon), with
     * the capability label changes of the host as it is now. True when it cordoned.
     */
    private boolean cordon(OwnedState owned, ApplyReport pre, NodeInventory inventory) {
        try {
            NodeControl.NodeView n = nodeControl.read();
            if (n.unschedulable()) {
                return false;
            }
            owned.cordoned = true; // recorded first: a crash right after the cordon still leaves it known
            store.save(owned);
            // The fresh read is the labels' reference when none were published yet (no read of their own).
            Map<String, String> want = NodeCapabilities.labels(inventory);
            Map<String, String> changes = labels == null ? null : labels.changesOnNode(want, n.labels());
            nodeControl.cordon(changes == null ? Map.of() : changes);
            if (changes != null) {
                labels.rode(want);
            }
            return true;
        } catch (KubernetesClientException e) {
            owned.cordoned = false;
            store.save(owned);
            pre.problem(Reasons.CORDON_FAILED, "cannot cordon " + node + ": " + e.getMessage());
            return false;
        }
    }

    /** False when the node has no pod to evict; true when it has, or when the list failed (the drain lists again and reports). */
    private boolean somethingToEvict() {
        try {
            if (nodeControl.podsToEvict().isEmpty()) {
                LOG.infof("%s: cordoned; no pod to evict", node);
                return false;
            }
        } catch (KubernetesClientException e) {
            LOG.debugf("%s: cannot list the pods to evict: %s", node, e.getMessage());
        }
        return true;
    }

    /** Drains for a granted disruptive change. False (with a problem) when the change cannot go ahead. */
    private boolean drain(OwnedState owned, ApplyReport plan, NodeControl.DrainSettings settings, ApplyReport pre) {
        if (!pre.problems().isEmpty()) {
            return false;
        }
        try {
            LOG.infof("%s: draining for %s", node, plan.pending());
            NodeControl.DrainResult r = nodeControl.drain(settings);
            if (r.complete()) {
                return true;
            }
            pre.problem(Reasons.DRAIN_FAILED, r.message());
        } catch (KubernetesClientException e) {
            pre.problem(Reasons.DRAIN_FAILED, "cannot drain " + node + ": " + e.getMessage());
        }
        // Nothing disruptive was done: give the node back rather than leave it cordoned.
        if (owned.cordoned) {
            uncordon(owned, pre, null);
        }
        return false;
    }

    /** Uncordons; with {@code inventory} (the host as changed), the capability label changes go in the same patch. */
    private void uncordon(OwnedState owned, ApplyReport report, NodeInventory inventory) {
        Map<String, String> want = inventory == null || labels == null ? null : NodeCapabilities.labels(inventory);
        Map<String, String> changes = want == null ? null : labels.changesOnNode(want, null);
        try {
            nodeControl.uncordon(changes == null ? Map.of() : changes);
            if (changes != null) {
                labels.rode(want);
            }
            owned.cordoned = false;
            store.save(owned);
        } catch (KubernetesClientException e) {
            report.problem(Reasons.CORDON_FAILED, "cannot uncordon " + node + ": " + e.getMessage());
        }
    }

    private NodeInventory inventory(OvsdbClient ovsdb, String ovsUnreachable) {
        NodeInventory inv = new HostInventoryReader(fs).read();
        inv.setKubelet(new KubeletConfigReader(fs, paths).read());
        OvsInventory o;
        if (ovsdb != null) {
            try {
                o = new OvsDpdkClient(ovsdb).inventory();
            } catch (OvsdbException e) {
                o = new OvsInventory();
                o.setReachable(false);
            }
        } else {
            o = new OvsInventory();
            o.setReachable(false);
        }
        inv.setOvs(o);
        return inv;
    }

    /** Without the host file, status.owned says what the agent owns (values before are lost). */
    private static OwnedState recovered(NfvNodeStateStatus previous) {
        OwnedState s = OwnedState.fromApi(previous == null ? null : previous.getOwned());
        s.cordoned = previous != null && Boolean.TRUE.equals(previous.getCordoned());
        if (previous != null) {
            s.restartsPending.addAll(previous.getRestartsRequired());
        }
        return s;
    }
}
