package io.dataplane.operator.controller;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Writes core/v1 Events so that {@code kubectl describe} shows why something failed. */
@ApplicationScoped
public class EventRecorder {
    public static final String COMPONENT = "dataplane-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void warning(HasMetadata about, String reason, String message) {
        record(about, "Warning", reason, message);
    }

    public void normal(HasMetadata about, String reason, String message) {
        record(about, "Normal", reason, message);
    }

    private void record(HasMetadata about, String type, String reason, String message) {
        // Cluster-scoped objects get their events in "default", as kubectl describe expects.
        String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
        String now = Conditions.now();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(about.getApiVersion()).withKind(about.getKind())
                        .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
                        .withUid(about.getMetadata().getUid())
                        .build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource(COMPONENT, null)
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy; failing to write one must not fail the reconcile.
            LOG.debugf("could not record event %s for %s: %s", reason, about.getMetadata().getName(), e.getMessage());
        }
    }
}
