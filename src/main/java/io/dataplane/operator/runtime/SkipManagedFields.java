package io.dataplane.operator.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Reads {@code metadata.managedFields} as absent. Neither the operator nor the agent reads them, and
 * fabric8 turns each entry's {@code fieldsV1} into nested maps: in a 1,000-node rollout that was a
 * third of everything the operator allocated (929 of 2,766 MB in a JFR allocation profile), thrown
 * away again by the informer caches' trimming. Skipping a subtree costs nothing by comparison.
 *
 * <p>Writes are unaffected: server-side apply must not send managedFields, and an update that
 * leaves them out keeps the server's.
 */
public final class SkipManagedFields extends SimpleModule {

    @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
    abstract static class ObjectMetaWithoutManagedFields {
    }

    public SkipManagedFields() {
        super("skip-managed-fields");
        setMixInAnnotation(ObjectMeta.class, ObjectMetaWithoutManagedFields.class);
    }
}
