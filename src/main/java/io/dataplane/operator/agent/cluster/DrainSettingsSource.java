package io.dataplane.operator.agent.cluster;

import io.dataplane.operator.api.v1alpha1.DrainSpec;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;

/**
 * The drain settings, NfvOperatorConfig {@code default} spec.drain, as a watch keeps them: listed
 * once when the agent starts and updated when the config changes, so a drain costs no read (a
 * thousand agents in one rollout: a thousand reads saved per drain, two per node before, one for
 * the cordon and one for the drain). One per process: a simulated fleet shares it.
 */
public final class DrainSettingsSource implements AutoCloseable {

    private final SharedIndexInformer<NfvOperatorConfig> informer;

    private DrainSettingsSource(SharedIndexInformer<NfvOperatorConfig> informer) {
        this.informer = informer;
    }

    /**
     * Watches the config (list and watch with fieldSelector metadata.name=default); returns once
     * listed, so the first drain already has the settings. Throws when the agent may not watch it,
     * as for its NfvNodeState: the agent does not start with half its rights.
     */
    public static DrainSettingsSource watch(KubernetesClient client) {
        return new DrainSettingsSource(client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).inform());
    }

    /** The settings now, from the watch's cache (no request); the defaults when the config or its drain section is absent. */
    public NodeControl.DrainSettings get() {
        return of(informer.getStore().getByKey(NfvOperatorConfig.SINGLETON_NAME));
    }

    static NodeControl.DrainSettings of(NfvOperatorConfig cfg) {
        DrainSpec d = cfg == null || cfg.getSpec() == null ? null : cfg.getSpec().getDrain();
        if (d == null) {
            return NodeControl.DrainSettings.DEFAULT;
        }
        return new NodeControl.DrainSettings(!Boolean.FALSE.equals(d.getEnabled()),
                Duration.ofSeconds(d.getTimeoutSeconds() == null ? 600 : d.getTimeoutSeconds()),
                !Boolean.FALSE.equals(d.getDeleteEmptyDirData()));
    }

    @Override
    public void close() {
        informer.close();
    }
}
