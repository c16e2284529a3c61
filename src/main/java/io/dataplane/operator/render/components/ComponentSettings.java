package io.dataplane.operator.render.components;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * One component with every default resolved.
 *
 * @param enabled roll it out; false means its objects are removed
 * @param image the image, from the spec or the operator's RELATED_IMAGE_* setting
 * @param nodeSelector always contains {@code kubernetes.io/os: linux}; sorted
 * @param tolerations the spec's, or tolerate everything when the spec gives none
 */
public record ComponentSettings(boolean enabled, String image, Map<String, String> nodeSelector,
        List<Toleration> tolerations) {
}
