package io.dataplane.operator.controller.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinitionSpec;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNetworkStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.controller.ClusterSettings;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.EventRecorder;
import io.dataplane.operator.controller.GenerationChanged;
import io.dataplane.operator.render.cni.InvalidNetworkException;
import io.dataplane.operator.render.cni.NetworkConfigRenderer;
import io.dataplane.operator.render.cni.RenderedNetwork;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * NfvNetwork → NetworkAttachmentDefinition of the same name and namespace, owned by the network.
 *
 * <p>The NAD CRD belongs to Multus and may be missing when the operator starts, so the NAD informer is
 * registered only once a CRD informer (one object, selected by name) sees it established; until then
 * every network says so in its status and recovers on the CRD's arrival without a restart.
 */
@ControllerConfiguration(name = NfvNetworkReconciler.NAME)
public class NfvNetworkReconciler implements Reconciler<NfvNetwork> {
    public static final String NAME = "nfvnetwork";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "dataplane-operator";
    static final String NAD_SOURCE = "network-attachment-definitions";
    static final String CRD_SOURCE = "nad-crd";
    static final String CONFIG_SOURCE = "operator-config";

    public static final String REASON_RENDERED = "Rendered";
    public static final String REASON_CRD_MISSING = "NetworkAttachmentDefinitionCRDMissing";
    public static final String REASON_NAME_CONFLICT = "NameConflict";
    public static final String REASON_INVALID = "InvalidSpec";
    public static final String REASON_APPLY_FAILED = "ApplyFailed";

    private static final Logger LOG = Logger.getLogger(NfvNetworkReconciler.class);

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final NetworkConfigRenderer renderer = new NetworkConfigRenderer(new ObjectMapper());

    public NfvNetworkReconciler(OperatorSettings settings, EventRecorder events) {
        this.settings = settings;
        this.events = events;
    }

    @Override
    public List<EventSource<?, NfvNetwork>> prepareEventSources(EventSourceContext<NfvNetwork> context) {
        SecondaryToPrimaryMapper<CustomResourceDefinition> crdToAll = crd -> allNetworks(context);
        SecondaryToPrimaryMapper<NfvOperatorConfig> configToAll = config -> allNetworks(context);
        var crds = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(CustomResourceDefinition.class, NfvNetwork.class)
                .withName(CRD_SOURCE)
                .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", NetworkAttachmentDefinition.CRD_NAME)))
                .withSecondaryToPrimaryMapper(crdToAll)
                .build(), context);
        var configs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(NfvOperatorConfig.class, NfvNetwork.class)
                .withName(CONFIG_SOURCE)
                .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", NfvOperatorConfig.SINGLETON_NAME)))
                .withOnUpdateFilter(new GenerationChanged())
                .withSecondaryToPrimaryMapper(configToAll)
                .build(), context);
        return List.of(crds, configs);
    }

    @Override
    public UpdateControl<NfvNetwork> reconcile(NfvNetwork network, Context<NfvNetwork> context) {
        Optional<InformerEventSource<NetworkAttachmentDefinition, NfvNetwork>> nads = nadSource(context);
        if (nads.isEmpty()) {
            return status(network, null, false, REASON_CRD_MISSING,
                    "The NetworkAttachmentDefinition CRD (" + NetworkAttachmentDefinition.CRD_NAME
                            + ") is not installed: enable Multus in NfvOperatorConfig or install it; the network is rendered as soon as the CRD appears.");
        }
        var config = context.eventSourceRetriever().<NfvOperatorConfig>getEventSourceFor(NfvOperatorConfig.class, CONFIG_SOURCE);
        var cluster = ClusterSettings.cni(((InformerEventSource<NfvOperatorConfig, NfvNetwork>) config)
                .get(new ResourceID(NfvOperatorConfig.SINGLETON_NAME)), settings);
        RenderedNetwork rendered;
        try {
            rendered = renderer.render(network.getMetadata().getName(), network.getSpec(), cluster);
        } catch (InvalidNetworkException e) {
            return status(network, null, false, REASON_INVALID, e.getMessage());
        }
        String name = network.getMetadata().getName();
        var existing = nads.get().get(new ResourceID(name, network.getMetadata().getNamespace()));
        if (existing.isPresent() && !ownedBy(existing.get(), network)) {
            return status(network, rendered.resourceName(), false, REASON_NAME_CONFLICT,
                    "A NetworkAttachmentDefinition named " + name + " already exists and is not managed by this NfvNetwork; it is left untouched. Rename the network or delete that object.");
        }
        if (existing.isEmpty() || !upToDate(existing.get(), rendered)) {
            apply(desired(network, rendered, existing), nads.get(), context);
        }
        return status(network, rendered.resourceName(), true, REASON_RENDERED,
                "NetworkAttachmentDefinition " + name + " is up to date");
    }

    @Override
    public ErrorStatusUpdateControl<NfvNetwork> updateErrorStatus(NfvNetwork network, Context<NfvNetwork> context,
            Exception e) {
        LOG.warnf(e, "reconciling NfvNetwork %s/%s failed", network.getMetadata().getNamespace(), network.getMetadata().getName());
        UpdateControl<NfvNetwork> update = status(network, null, false, REASON_APPLY_FAILED,
                "Writing the NetworkAttachmentDefinition failed: " + e.getMessage());
        return update.isNoUpdate() ? ErrorStatusUpdateControl.noStatusUpdate()
                : ErrorStatusUpdateControl.patchStatus(network);
    }

    /** The NAD informer once the CRD is established; registered and dropped as the CRD comes and goes. */
    private synchronized Optional<InformerEventSource<NetworkAttachmentDefinition, NfvNetwork>> nadSource(
            Context<NfvNetwork> context) {
        var retriever = context.eventSourceRetriever();
        var crds = (InformerEventSource<CustomResourceDefinition, NfvNetwork>) retriever
                .<CustomResourceDefinition>getEventSourceFor(CustomResourceDefinition.class, CRD_SOURCE);
        boolean established = crds.get(new ResourceID(NetworkAttachmentDefinition.CRD_NAME))
                .map(NfvNetworkReconciler::established).orElse(false);
        var registered = retriever.getEventSourcesFor(NetworkAttachmentDefinition.class);
        if (!established) {
            if (!registered.isEmpty()) {
                retriever.dynamicallyDeRegisterEventSource(NAD_SOURCE);
            }
            return Optional.empty();
        }
        if (!registered.isEmpty()) {
            return Optional.of((InformerEventSource<NetworkAttachmentDefinition, NfvNetwork>) registered.get(0));
        }
        SecondaryToPrimaryMapper<NetworkAttachmentDefinition> sameName = nad -> Set.of(ResourceID.fromResource(nad));
        var source = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(NetworkAttachmentDefinition.class, NfvNetwork.class)
                .withName(NAD_SOURCE)
                .withSecondaryToPrimaryMapper(sameName)
                .build(), retriever.eventSourceContextForDynamicRegistration());
        LOG.infof("%s is established: watching NetworkAttachmentDefinitions", NetworkAttachmentDefinition.CRD_NAME);
        return Optional.of((InformerEventSource<NetworkAttachmentDefinition, NfvNetwork>) retriever
                .dynamicallyRegisterEventSource(source));
    }

    private void apply(NetworkAttachmentDefinition desired, InformerEventSource<NetworkAttachmentDefinition, NfvNetwork> nads,
            Context<NfvNetwork> context) {
        var ops = context.resourceOperations();
        if (context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()) {
            ops.serverSideApply(desired, nads);
        } else if (desired.getMetadata().getResourceVersion() == null) {
            ops.create(desired, nads);
        } else {
            ops.update(desired, nads);
        }
    }

    /** What this operator owns of the NAD; with SSA only these fields are claimed, so others' additions stay. */
    private static NetworkAttachmentDefinition desired(NfvNetwork network, RenderedNetwork rendered,
            Optional<NetworkAttachmentDefinition> existing) {
        var nad = new NetworkAttachmentDefinition();
        nad.getMetadata().setName(network.getMetadata().getName());
        nad.getMetadata().setNamespace(network.getMetadata().getNamespace());
        nad.getMetadata().setLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY));
        nad.getMetadata().setAnnotations(rendered.annotations().isEmpty() ? null : rendered.annotations());
        nad.getMetadata().setOwnerReferences(List.of(owner(network)));
        nad.setSpec(new NetworkAttachmentDefinitionSpec(rendered.config()));
        existing.ifPresent(e -> nad.getMetadata().setResourceVersion(e.getMetadata().getResourceVersion()));
        return nad;
    }

    private static OwnerReference owner(NfvNetwork network) {
        var ref = new OwnerReference();
        ref.setApiVersion(network.getApiVersion());
        ref.setKind(network.getKind());
        ref.setName(network.getMetadata().getName());
        ref.setUid(network.getMetadata().getUid());
        ref.setController(true);
        ref.setBlockOwnerDeletion(true);
        return ref;
    }

    private static boolean ownedBy(NetworkAttachmentDefinition nad, NfvNetwork network) {
        return nad.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> network.getMetadata().getUid().equals(r.getUid()));
    }

    private static boolean upToDate(NetworkAttachmentDefinition nad, RenderedNetwork rendered) {
        Map<String, String> annotations = nad.getMetadata().getAnnotations() == null ? Map.of() : nad.getMetadata().getAnnotations();
        Map<String, String> labels = nad.getMetadata().getLabels() == null ? Map.of() : nad.getMetadata().getLabels();
        boolean annotationsMatch = rendered.annotations().entrySet().stream()
                .allMatch(e -> e.getValue().equals(annotations.get(e.getKey())))
                && (rendered.annotations().containsKey(NetworkAttachmentDefinition.RESOURCE_NAME_ANNOTATION)
                        || !annotations.containsKey(NetworkAttachmentDefinition.RESOURCE_NAME_ANNOTATION));
        return nad.getSpec() != null && rendered.config().equals(nad.getSpec().getConfig()) && annotationsMatch
                && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions()
                .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Set<ResourceID> allNetworks(EventSourceContext<NfvNetwork> context) {
        return context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** Sets the status; writes only when it changed, and records an Event when it turns to a failure. */
    private UpdateControl<NfvNetwork> status(NfvNetwork network, String resourceName, boolean ready, String reason,
            String message) {
        NfvNetworkStatus old = network.getStatus() == null ? new NfvNetworkStatus() : network.getStatus();
        Long generation = network.getMetadata().getGeneration();
        List<Condition> conditions = Conditions.set(old.getConditions(), Conditions.READY, ready, reason, message, generation);
        NfvNetworkStatus next = new NfvNetworkStatus();
        next.setObservedGeneration(generation);
        next.setNetworkAttachmentDefinition(ready ? network.getMetadata().getName() : old.getNetworkAttachmentDefinition());
        next.setResourceName(resourceName);
        next.setConditions(conditions);
        if (sameStatus(old, next)) {
            return UpdateControl.noUpdate();
        }
        if (!ready && !reason.equals(Conditions.reason(old.getConditions(), Conditions.READY))) {
            events.warning(network, reason, message);
        }
        network.setStatus(next);
        return UpdateControl.patchStatus(network);
    }

    private static boolean sameStatus(NfvNetworkStatus a, NfvNetworkStatus b) {
        return java.util.Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && java.util.Objects.equals(a.getNetworkAttachmentDefinition(), b.getNetworkAttachmentDefinition())
                && java.util.Objects.equals(a.getResourceName(), b.getResourceName())
                && Conditions.same(a.getConditions(), b.getConditions());
    }
}
