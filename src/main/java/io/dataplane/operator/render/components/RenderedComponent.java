package io.dataplane.operator.render.components;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;

/**
 * The objects of one component, in the order they must be written: identity and RBAC first, then
 * configuration, the DaemonSet last, so its pods never start without what they mount or run as.
 */
public record RenderedComponent(Component component, List<HasMetadata> objects) {

    public DaemonSet daemonSet() {
        return objects.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst()
                .orElseThrow();
    }
}
