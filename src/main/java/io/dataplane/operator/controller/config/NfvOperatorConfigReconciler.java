package io.dataplane.operator.controller.config;

import io.dataplane.operator.api.v1alpha1.ComponentStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigStatus;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.EventRecorder;
import io.dataplane.operator.controller.config.ComponentStatusCalculator.Observed;
import io.dataplane.operator.render.components.Component;
import io.dataplane.operator.render.components.ComponentLabels;
import io.dataplane.operator.render.components.ComponentRenderer;
import io.dataplane.operator.render.components.ComponentSettings;
import io.dataplane.operator.render.components.ComponentsConfig;
import io.dataplane.operator.render.components.RenderedComponent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * NfvOperatorConfig {@code default} → the node components: for each enabled component its
 * ServiceAccount, RBAC, ConfigMaps and DaemonSet in the operator's namespace, owned by the config; a
 * component switched off has its objects deleted. Status follows the DaemonSets through informers, so
 * watching a rollout costs no API reads, and an object is written only when it differs from what the
 * operator wants ({@link DesiredState}): a converged cluster sees no write.
 */
@ControllerConfiguration(name = NfvOperatorConfigReconciler.NAME, fieldManager = ComponentLabels.OPERATOR)
public class NfvOperatorConfigReconciler implements Reconciler<NfvOperatorConfig> {
    public static final String NAME = "nfvoperatorconfig";
    /** Retry of a component the API server refused to write; events from the informers come sooner. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(NfvOperatorConfigReconciler.class);

    /** One informer per kind of component object, label-selected; namespaced kinds in the operator namespace. */
    private static final Map<Class<? extends HasMetadata>, String> SOURCES = Map.of(
            ServiceAccount.class, "component-serviceaccounts",
            ClusterRole.class, "component-clusterroles",
            ClusterRoleBinding.class, "component-clusterrolebindings",
            ConfigMap.class, "component-configmaps",
            DaemonSet.class, "component-daemonsets");

    private final OperatorSettings settings;
    private final EventRecorder events;

    public NfvOperatorConfigReconciler(OperatorSettings settings, EventRecorder events) {
        this.settings = settings;
        this.events = events;
    }

    @Override
    public List<EventSource<?, NfvOperatorConfig>> prepareEventSources(EventSourceContext<NfvOperatorConfig> context) {
        List<EventSource<?, NfvOperatorConfig>> sources = new ArrayList<>();
        SOURCES.forEach((kind, name) -> sources.add(informer(kind, name, context)));
        return sources;
    }

    private <R extends HasMetadata> InformerEventSource<R, NfvOperatorConfig> informer(Class<R> kind, String name,
            EventSourceContext<NfvOperatorConfig> context) {
        // Every component object belongs to the singleton.
        SecondaryToPrimaryMapper<R> toSingleton = r -> Set.of(new ResourceID(NfvOperatorConfig.SINGLETON_NAME));
        var config = InformerEventSourceConfiguration.from(kind, NfvOperatorConfig.class)
                .withName(name)
                .withLabelSelector(ComponentLabels.SELECTOR)
                .withSecondaryToPrimaryMapper(toSingleton);
        if (namespaced(kind)) {
            config.withNamespaces(Set.of(settings.namespace()));
        }
        return new InformerEventSource<>(config.build(), context);
    }

    @Override
    public UpdateControl<NfvOperatorConfig> reconcile(NfvOperatorConfig config, Context<NfvOperatorConfig> context) {
        if (!NfvOperatorConfig.SINGLETON_NAME.equals(config.getMetadata().getName())) {
            // The CRD's validation rule refuses other names; a server without it must not get two rollouts.
            LOG.warnf("ignoring NfvOperatorConfig %s: only '%s' is reconciled", config.getMetadata().getName(),
                    NfvOperatorConfig.SINGLETON_NAME);
            return UpdateControl.noUpdate();
        }
        ComponentsConfig components = ComponentsConfig.resolve(config.getSpec(), settings.namespace(),
                settings.resourcePrefix(), defaultImages(settings.images()));
        List<Observed> observed = new ArrayList<>();
        for (Component c : Component.values()) {
            observed.add(reconcileComponent(c, components, config, context));
        }
        NfvOperatorConfigStatus previous = config.getStatus();
        NfvOperatorConfigStatus next = ComponentStatusCalculator.status(observed, previous,
                config.getMetadata().getGeneration(), Conditions.now());
        recordFailures(config, observed, previous);
        boolean failed = observed.stream().anyMatch(o -> o.failureReason() != null);
        UpdateControl<NfvOperatorConfig> control;
        if (ComponentStatusCalculator.same(previous, next)) {
            control = UpdateControl.noUpdate();
        } else {
            config.setStatus(next);
            control = UpdateControl.patchStatus(config);
        }
        return failed ? control.rescheduleAfter(RETRY_AFTER_FAILURE) : control;
    }

    private Observed reconcileComponent(Component component, ComponentsConfig components, NfvOperatorConfig config,
            Context<NfvOperatorConfig> context) {
        ComponentSettings settings = components.of(component);
        Set<String> keep = new HashSet<>();
        String failureReason = null;
        String failureMessage = null;
        boolean rendered = !settings.enabled();
        if (settings.enabled()) {
            try {
                RenderedComponent rendering = ComponentRenderer.render(component, components);
                rendered = true;
                rendering.objects().forEach(o -> keep.add(key(o)));
                for (HasMetadata desired : rendering.objects()) {
                    try {
                        ensure(desired, config, context);
                    } catch (KubernetesClientException e) {
                        failureReason = ComponentStatusCalculator.REASON_FAILED_TO_APPLY;
                        failureMessage = "writing " + desired.getKind() + " " + desired.getMetadata().getName()
                                + " failed: " + e.getMessage();
                        LOG.warnf("%s", failureMessage);
                        break; // later objects (the DaemonSet last) depend on this one
                    }
                }
            } catch (IllegalArgumentException e) {
                failureReason = ComponentStatusCalculator.REASON_FAILED_TO_RENDER;
                failureMessage = e.getMessage();
            }
        }
        try {
            // Nothing rendered (no image): keep what runs rather than delete a working component.
            if (rendered) {
                removeStale(component, keep, config, context);
            }
        } catch (KubernetesClientException e) {
            failureReason = ComponentStatusCalculator.REASON_FAILED_TO_APPLY;
            failureMessage = "removing objects of " + component.id() + " failed: " + e.getMessage();
            LOG.warnf("%s", failureMessage);
        }
        if (!settings.enabled()) {
            return new Observed(component, false, null, null, failureReason, failureMessage);
        }
        DaemonSet ds = this.<DaemonSet>source(DaemonSet.class, context)
                .get(new ResourceID(component.objectName(), components.namespace())).orElse(null);
        return new Observed(component, true, settings.image(), ds, failureReason, failureMessage);
    }

    /** Writes {@code desired} unless the cached object already is it. */
    private <R extends HasMetadata> void ensure(R desired, NfvOperatorConfig config, Context<NfvOperatorConfig> context) {
        desired.getMetadata().setOwnerReferences(List.of(owner(config)));
        DesiredState.withHash(desired);
        @SuppressWarnings("unchecked")
        InformerEventSource<R, NfvOperatorConfig> source = (InformerEventSource<R, NfvOperatorConfig>) source(
                desired.getClass(), context);
        Optional<R> cached = source.get(ResourceID.fromResource(desired));
        if (cached.isPresent() && DesiredState.matches(cached.get(), desired)) {
            return;
        }
        if (cached.isPresent()) {
            LOG.infof("updating %s %s: %s", desired.getKind(), desired.getMetadata().getName(),
                    DesiredState.differences(cached.get(), desired));
        } else {
            LOG.infof("creating %s %s", desired.getKind(), desired.getMetadata().getName());
        }
        var ops = context.resourceOperations();
        if (context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()) {
            ops.serverSideApply(desired, source);
        } else if (cached.isEmpty()) {
            ops.create(desired, source);
        } else {
            desired.getMetadata().setResourceVersion(cached.get().getMetadata().getResourceVersion());
            ops.update(desired, source);
        }
    }

    /** Deletes this component's objects (owned by this config) that it no longer renders. */
    private void removeStale(Component component, Set<String> keep, NfvOperatorConfig config,
            Context<NfvOperatorConfig> context) {
        for (Class<? extends HasMetadata> kind : SOURCES.keySet()) {
            List<? extends HasMetadata> stale = source(kind, context)
                    .list(o -> component.id().equals(label(o, ComponentLabels.COMPONENT)))
                    .filter(o -> ownedBy(o, config) && !keep.contains(key(o))
                            && o.getMetadata().getDeletionTimestamp() == null)
                    .toList();
            for (HasMetadata o : stale) {
                LOG.infof("deleting %s %s of component %s", o.getKind(), o.getMetadata().getName(), component.id());
                context.getClient().resource(o).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
        }
    }

    /** A Warning event when a component starts failing (or fails differently), not on every retry. */
    private void recordFailures(NfvOperatorConfig config, List<Observed> observed, NfvOperatorConfigStatus previous) {
        for (Observed o : observed) {
            if (o.failureReason() == null) {
                continue;
            }
            String before = previous == null ? null : previous.getComponents().stream()
                    .filter(c -> o.component().id().equals(c.getName())).findFirst()
                    .map(ComponentStatus::getConditions)
                    .flatMap(c -> Conditions.find(c, Conditions.DEGRADED))
                    .filter(c -> Conditions.TRUE.equals(c.getStatus()))
                    .map(c -> c.getReason()).orElse(null);
            if (!o.failureReason().equals(before)) {
                events.warning(config, o.failureReason(), o.component().id() + ": " + o.failureMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> InformerEventSource<R, NfvOperatorConfig> source(Class<?> kind,
            Context<NfvOperatorConfig> context) {
        return (InformerEventSource<R, NfvOperatorConfig>) context.eventSourceRetriever()
                .getEventSourceFor((Class<R>) kind, SOURCES.get(kind));
    }

    static Map<Component, String> defaultImages(OperatorSettings.Images images) {
        Map<Component, String> out = new EnumMap<>(Component.class);
        out.put(Component.AGENT, images.agent());
        out.put(Component.MULTUS, images.multus());
        out.put(Component.CNI_PLUGINS, images.cniPlugins());
        out.put(Component.DEVICE_PLUGIN, images.devicePlugin());
        return out;
    }

    private static boolean namespaced(Class<? extends HasMetadata> kind) {
        return kind != ClusterRole.class && kind != ClusterRoleBinding.class;
    }

    private static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private static String label(HasMetadata o, String key) {
        return o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(key);
    }

    private static boolean ownedBy(HasMetadata o, NfvOperatorConfig config) {
        return o.getMetadata().getOwnerReferences() != null && o.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> config.getMetadata().getUid().equals(r.getUid()));
    }

    /** Cluster-scoped owner of namespaced objects: allowed, and deleting the config removes every component. */
    static OwnerReference owner(NfvOperatorConfig config) {
        var ref = new OwnerReference();
        ref.setApiVersion(config.getApiVersion());
        ref.setKind(config.getKind());
        ref.setName(config.getMetadata().getName());
        ref.setUid(config.getMetadata().getUid());
        ref.setController(true);
        ref.setBlockOwnerDeletion(true);
        return ref;
    }
}
