package io.dataplane.operator.controller.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.controller.ClusterSettings;
import io.dataplane.operator.controller.GenerationChanged;
import io.dataplane.operator.controller.TrimmedCaches;
import io.dataplane.operator.policy.CompiledPolicy;
import io.dataplane.operator.policy.DevicePluginConfigRenderer;
import io.dataplane.operator.policy.DisruptionBudget;
import io.dataplane.operator.policy.LabelSelectors;
import io.dataplane.operator.policy.NodeIntent;
import io.dataplane.operator.policy.NodeStates;
import io.dataplane.operator.policy.PolicyMerger;
import io.dataplane.operator.policy.PolicySet;
import io.dataplane.operator.policy.SpecJson;
import io.dataplane.operator.render.components.DevicePluginNodeConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Node → its NfvNodeState (merged intent of the policies selecting it, plus the disruption grant) and its
 * key in the device plugin ConfigMap. The primary is the Node because the relation policy ↔ node is
 * many-to-many and a state must exist as soon as a node is selected; policies, states, the operator
 * config and the ConfigMap are secondary informers mapped back to the nodes they concern. Everything is
 * read from informer caches (no per-node API reads) and written only when it differs, so a converged
 * cluster sees no writes.
 */
@ControllerConfiguration(name = NodeStateReconciler.NAME, generationAwareEventProcessing = false,
        fieldManager = NodeStateWriter.FIELD_MANAGER, informer = @Informer(onUpdateFilter = NodeLabelsChanged.class, itemStore = TrimmedCaches.NodeMetadataOnly.class))
public class NodeStateReconciler implements Reconciler<Node> {
    public static final String NAME = "nfvnodestate";
    static final String STATES = "node-states";
    static final String POLICIES = "node-policies";
    static final String CONFIG = "operator-config";
    static final String DEVICE_PLUGIN = "device-plugin-config";

    static final Duration PRUNE_INTERVAL = Duration.ofSeconds(30);
    /**
     * A new intent waits until the policies have been unchanged this long: policies applied together
     * (`kubectl apply -f dir/`) reach the cache one by one, and an intent written between them, granted
     * under an unbounded budget, would take the node through its disruptive change once per arrival.
     */
    static final Duration POLICY_SETTLE = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(NodeStateReconciler.class);

    private final OperatorSettings settings;
    private final PolicySetCache policySets;
    private final GrantLedger ledger;
    private final NodeStateWriter writer;
    private final DevicePluginConfigMap devicePlugin;
    private final NodeStateCache shared;
    /** When the device plugin map's keys are next checked against the nodes (see pruneDevicePluginKeys). */
    private final AtomicLong nextPrune = new AtomicLong(System.nanoTime());

    public NodeStateReconciler(OperatorSettings settings, PolicySetCache policySets, GrantLedger ledger,
            NodeStateWriter writer, DevicePluginConfigMap devicePlugin, NodeStateCache shared) {
        this.settings = settings;
        this.policySets = policySets;
        this.ledger = ledger;
        this.writer = writer;
        this.devicePlugin = devicePlugin;
        this.shared = shared;
    }

    @Override
    public List<EventSource<?, Node>> prepareEventSources(EventSourceContext<Node> context) {
        // Mappers need the states cache, which exists only once its event source is built.
        AtomicReference<InformerEventSource<NfvNodeState, Node>> statesRef = new AtomicReference<>();

        SecondaryToPrimaryMapper<NfvNodeState> stateToNodes = state -> {
            Set<ResourceID> ids = new HashSet<>();
            ids.add(new ResourceID(state.getMetadata().getName()));
            // A spent grant or a deleted state frees a slot: wake the nodes waiting for one. Other status
            // updates do not, or each agent report would wake them all.
            var cache = statesRef.get();
            boolean freesSlot = NodeStates.grantSpent(state);
            boolean deleted = cache != null && cache.get(ResourceID.fromResource(state)).isEmpty();
            if (deleted) {
                nextPrune.set(System.nanoTime()); // its node may be gone: check the map's keys at the next reconcile
                shared.deleted(state);
            } else {
                shared.changed(state);
            }
            if (cache != null && (freesSlot || deleted)) {
                var statesCache = cache;
                statesCache.list(s -> NodeStates.requested(s) && !NodeStates.holdsGrant(s))
                        .forEach(s -> ids.add(new ResourceID(s.getMetadata().getName())));
            }
            return ids;
        };
        var states = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(NfvNodeState.class, Node.class)
                .withName(STATES)
                .withSecondaryToPrimaryMapper(stateToNodes)
                // A node's state has the node's name; saying so spares JOSDK an index built with the mapper.
                .withPrimaryToSecondaryMapper((Node n) -> Set.of(new ResourceID(n.getMetadata().getName())))
                .build(), context);
        statesRef.set(states);
        shared.attach(states, context.getPrimaryCache());

        // A policy concerns the nodes it selects now and those whose state still lists it (selected before).
        SecondaryToPrimaryMapper<NfvNodePolicy> policyToNodes = policy -> {
            Set<ResourceID> ids = new HashSet<>();
            String name = policy.getMetadata().getName();
            states.list(s -> NodeStates.policies(s).contains(name))
                    .forEach(s -> ids.add(new ResourceID(s.getMetadata().getName())));
            try {
                Predicate<Map<String, String>> selects = LabelSelectors.compile(
                        policy.getSpec() == null ? null : policy.getSpec().getNodeSelector());
                context.getPrimaryCache().list(n -> selects.test(n.getMetadata().getLabels()))
                        .forEach(n -> ids.add(ResourceID.fromResource(n)));
            } catch (IllegalArgumentException e) {
                // An invalid selector selects nothing; its status says so.
            }
            return ids;
        };
        var policies = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(NfvNodePolicy.class, Node.class)
                .withName(POLICIES)
                .withOnUpdateFilter(new GenerationChanged())
                .withSecondaryToPrimaryMapper(policyToNodes)
                .build(), context);

        // The resource prefix is in every node's device plugin config.
        SecondaryToPrimaryMapper<NfvOperatorConfig> configToNodes = config -> states.list()
                .map(s -> new ResourceID(s.getMetadata().getName())).collect(Collectors.toSet());
        var config = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(NfvOperatorConfig.class, Node.class)
                .withName(CONFIG)
                .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", NfvOperatorConfig.SINGLETON_NAME)))
                .withOnUpdateFilter(new GenerationChanged())
                .withSecondaryToPrimaryMapper(configToNodes)
                .build(), context);

        // Someone deleted a device plugin map or a key: the nodes of that map whose key is missing write
        // it again. (On deletion the mapper gets the last object, keys and all, so ask the cache whether it is gone.)
        AtomicReference<InformerEventSource<ConfigMap, Node>> configMapRef = new AtomicReference<>();
        SecondaryToPrimaryMapper<ConfigMap> configMapToNodes = cm -> {
            boolean gone = configMapRef.get() != null && configMapRef.get().get(ResourceID.fromResource(cm)).isEmpty();
            String map = cm.getMetadata().getName();
            return states.list().map(s -> s.getMetadata().getName())
                    .filter(n -> DevicePluginNodeConfig.mapOf(n).equals(map))
                    .filter(n -> gone || cm.getData() == null || !cm.getData().containsKey(n))
                    .map(ResourceID::new).collect(Collectors.toSet());
        };
        var configMap = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(ConfigMap.class, Node.class)
                .withName(DEVICE_PLUGIN)
                .withNamespaces(Set.of(settings.namespace()))
                .withLabelSelector(DevicePluginConfigMap.SELECTOR)
                .withSecondaryToPrimaryMapper(configMapToNodes)
                .build(), context);
        configMapRef.set(configMap);
        return List.of(states, policies, config, configMap);
    }

    @Override
    public UpdateControl<Node> reconcile(Node node, Context<Node> context) {
        String name = node.getMetadata().getName();
        InformerEventSource<NfvNodeState, Node> states = source(context, NfvNodeState.class, STATES);
        InformerEventSource<NfvNodePolicy, Node> policies = source(context, NfvNodePolicy.class, POLICIES);
        PolicySet set = policySets.get(policies.list().toList());

        NfvNodeState current = states.get(new ResourceID(name)).orElse(null);
        NodeInventory inventory = current == null ? null : NodeStates.inventory(current);
        NodeIntent intent = PolicyMerger.merge(set, name, labels(node), inventory);
        NfvNodeStateSpec desired = intent.spec();

        InformerEventSource<ConfigMap, Node> maps = source(context, ConfigMap.class, DEVICE_PLUGIN);
        Optional<ConfigMap> cm = maps.get(new ResourceID(DevicePluginNodeConfig.mapOf(name), devicePlugin.namespace()));
        pruneDevicePluginKeys(context, maps);
        if (desired.getPolicies().isEmpty() && (current == null || NodeStates.registeredOnly(current))) {
            // Never selected: nothing to revert, so no intent to write (a state its agent registered has none).
            return UpdateControl.noUpdate();
        }
        // The settle time first: it is zero but for a second after a policy change, and the intent
        // comparison serialises both specs.
        Duration unsettled = policySets.unsettledFor(POLICY_SETTLE);
        if (!unsettled.isZero() && (current == null || !SpecJson.sameIntent(current.getSpec(), desired))) {
            return UpdateControl.<Node>noUpdate().rescheduleAfter(unsettled.plusMillis(10));
        }

        boolean grant = grant(name, desired, current, set, states);
        // Always written, also when false: an intent with no other field would otherwise be an empty spec,
        // which server-side apply turns into spec: null (rejected by the schema) instead of clearing it.
        desired.setDisruptionAllowed(grant);
        if (current == null || !SpecJson.sameSpec(current.getSpec(), desired) || !NodeStateWriter.ownedBy(current, node)) {
            try {
                // JOSDK does not propagate the watch event of its own write: tell the cache's other readers.
                shared.changed(writer.write(node, desired, current, states));
            } catch (RuntimeException e) {
                if (grant) {
                    ledger.forget(name);
                }
                throw e;
            }
            if (grant && (current == null || !NodeStates.granted(current))) {
                LOG.infof("node %s may start its disruptive change now", name);
            }
        }

        String prefix = ClusterSettings.cni(source(context, NfvOperatorConfig.class, CONFIG)
                .get(new ResourceID(NfvOperatorConfig.SINGLETON_NAME)), settings).resourcePrefix();
        DevicePluginConfigRenderer.Rendered rendered = DevicePluginConfigRenderer.render(desired, inventory, prefix);
        if (devicePlugin.put(name, rendered.json(), cm.orElse(null))) {
            rendered.notes().forEach(n -> LOG.debugf("device plugin config of %s: %s", name, n));
        }
        return UpdateControl.noUpdate();
    }

    /**
     * Whether the node's spec carries a disruption grant after this reconcile. A grant in use (not yet
     * spent) is kept, also across a change of intent: the node is in its change already. A spent grant is
     * left in place while nothing changes (the agent ignores it; clearing it would cost a write and the
     * agent's acknowledgement per node), and dropped with the next change of intent or when the agent asks
     * again at the same generation (a drift to repair) — then the node waits for the budget like any other.
     * Only a waiting node needs the whole-cluster decision.
     *
     * <p>A node whose every policy has an unbounded budget ({@code maxUnavailable: 100%}) would never wait:
     * it gets the grant with each new intent, so its agent applies all of it in one pass instead of
     * reporting, asking and waiting for a second write of the state. That needs the host's inventory (VF
     * ranges resolve against its NICs): an agent that registered its node's state reported it before any
     * policy, so the first intent comes with the grant; for a state the operator creates, the agent's first
     * report brings the inventory and the request together, and the resolved intent comes with the grant.
     */
    private boolean grant(String name, NfvNodeStateSpec desired, NfvNodeState current, PolicySet set,
            InformerEventSource<NfvNodeState, Node> states) {
        if (current == null) {
            return false;
        }
        if (NodeStates.holdsGrant(current)) {
            return true;
        }
        // Ordered so that the spec comparison (both sides serialised) runs only where it decides.
        boolean unbounded = NodeStates.inventory(current) != null && unbounded(desired.getPolicies(), set);
        if (NodeStates.granted(current)) {
            return !NodeStates.requested(current) && (unbounded || SpecJson.sameIntent(current.getSpec(), desired));
        }
        if (!NodeStates.requested(current)) {
            return unbounded && !SpecJson.sameIntent(current.getSpec(), desired);
        }
        List<DisruptionBudget.NodeState> nodes = new ArrayList<>();
        Map<String, Integer> matched = new HashMap<>();
        states.list().forEach(s -> {
            List<String> selecting = s.getMetadata().getName().equals(name) ? desired.getPolicies() : NodeStates.policies(s);
            nodes.add(NodeStates.budgetView(s, selecting));
            selecting.forEach(p -> matched.merge(p, 1, Integer::sum));
        });
        Map<String, Integer> allowance = new HashMap<>();
        for (CompiledPolicy p : set.ordered()) {
            allowance.put(p.name(), DisruptionBudget.allowance(p.maxUnavailable(), matched.getOrDefault(p.name(), 0)));
        }
        return ledger.tryGrant(name, nodes, allowance);
    }

    private static boolean unbounded(List<String> policies, PolicySet set) {
        if (policies.isEmpty()) {
            return false; // reverting: the one-at-a-time group of unselected nodes
        }
        return policies.stream().allMatch(p -> set.get(p).map(c -> DisruptionBudget.unbounded(c.maxUnavailable())).orElse(false));
    }

    /**
     * Removes the keys of nodes that no longer exist (a deleted node's reconcile never runs). The check
     * walks every key, so it runs after a state was deleted (the Node's garbage collection deletes its
     * state) and otherwise at most once per {@link #PRUNE_INTERVAL}, not on each of the thousands of
     * reconciles of a rollout; a stale key only takes space until then.
     */
    private void pruneDevicePluginKeys(Context<Node> context, InformerEventSource<ConfigMap, Node> maps) {
        long now = System.nanoTime();
        long due = nextPrune.get();
        if (now - due < 0 || !nextPrune.compareAndSet(due, now + PRUNE_INTERVAL.toNanos())) {
            return;
        }
        var nodes = context.getPrimaryCache();
        maps.list().filter(cm -> cm.getData() != null).forEach(cm -> {
            List<String> gone = cm.getData().keySet().stream().filter(k -> !nodes.contains(new ResourceID(k))).toList();
            if (!gone.isEmpty()) {
                devicePlugin.remove(gone, cm);
            }
        });
    }

    private static Map<String, String> labels(Node node) {
        return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> InformerEventSource<R, Node> source(Context<Node> context, Class<R> type, String name) {
        return (InformerEventSource<R, Node>) context.eventSourceRetriever().getEventSourceFor(type, name);
    }
}
