package io.dataplane.operator.controller.config;

import io.dataplane.operator.api.v1alpha1.ComponentSpec;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec;
import io.dataplane.operator.controller.EventRecorder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.HttpURLConnection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Creates NfvOperatorConfig {@code default} at start when it is missing, so a fresh install rolls out every
 * component without the user writing anything. Idempotent and safe with several replicas: whoever loses
 * the race gets 409 and is done. Runs in the background and retries (the CRD may be installed after the
 * operator starts), so it never delays readiness. An existing config is never touched.
 */
@ApplicationScoped
public class DefaultOperatorConfig {
    public enum Outcome {
        CREATED,
        EXISTS
    }

    static final long MAX_RETRY_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(DefaultOperatorConfig.class);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "default-operator-config");
        t.setDaemon(true);
        return t;
    });

    public DefaultOperatorConfig(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    void onStart(@Observes StartupEvent event) {
        executor.execute(() -> attempt(1));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void attempt(int n) {
        try {
            ensure();
        } catch (KubernetesClientException e) {
            long delay = Math.min(MAX_RETRY_SECONDS, 1L << Math.min(n, 5));
            LOG.warnf("cannot ensure NfvOperatorConfig %s (attempt %d, retry in %d s): %s",
                    NfvOperatorConfig.SINGLETON_NAME, n, delay, e.getMessage());
            if (!executor.isShutdown()) {
                executor.schedule(() -> attempt(n + 1), delay, TimeUnit.SECONDS);
            }
        }
    }

    /** Creates the default config unless it exists; throws when the API server cannot be asked (retried). */
    public Outcome ensure() {
        var configs = client.resources(NfvOperatorConfig.class);
        // A read first: a restart with the config present then costs no write attempt.
        if (configs.withName(NfvOperatorConfig.SINGLETON_NAME).get() != null) {
            return Outcome.EXISTS;
        }
        try {
            NfvOperatorConfig created = configs.resource(initial()).create();
            LOG.infof("created NfvOperatorConfig %s with every component enabled", NfvOperatorConfig.SINGLETON_NAME);
            events.normal(created, "Created", "Created by the operator at start with every component enabled");
            return Outcome.CREATED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return Outcome.EXISTS; // another replica was first
            }
            throw e;
        }
    }

    /** Every component listed (and so visible to {@code kubectl edit}), the CRD's defaults doing the rest. */
    static NfvOperatorConfig initial() {
        NfvOperatorConfig config = new NfvOperatorConfig();
        config.setMetadata(new ObjectMetaBuilder().withName(NfvOperatorConfig.SINGLETON_NAME).build());
        NfvOperatorConfigSpec spec = new NfvOperatorConfigSpec();
        spec.setAgent(enabled());
        spec.setMultus(enabled());
        spec.setCniPlugins(enabled());
        spec.setDevicePlugin(enabled());
        config.setSpec(spec);
        return config;
    }

    private static ComponentSpec enabled() {
        ComponentSpec c = new ComponentSpec();
        c.setEnabled(true);
        return c;
    }
}
