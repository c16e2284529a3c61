package io.dataplane.operator.render.components;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the Kubernetes objects of the node components. Pure: the same {@link ComponentsConfig} gives
 * equal objects, so an unchanged configuration never causes a write. Owner references and the
 * bookkeeping of what was applied are the controller's business.
 */
public final class ComponentRenderer {
    private ComponentRenderer() {
    }

    /** The objects of one component, whether or not it is enabled. */
    public static RenderedComponent render(Component component, ComponentsConfig config) {
        String image = config.of(component).image();
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("no image for component " + component.id()
                    + ": set spec." + specField(component) + ".image or the operator's RELATED_IMAGE_* variable");
        }
        return switch (component) {
            case AGENT -> AgentManifests.render(config);
            case MULTUS -> MultusManifests.render(config);
            case CNI_PLUGINS -> CniPluginsManifests.render(config);
            case DEVICE_PLUGIN -> DevicePluginManifests.render(config);
        };
    }

    /** Every enabled component. */
    public static List<RenderedComponent> renderEnabled(ComponentsConfig config) {
        List<RenderedComponent> out = new ArrayList<>();
        for (Component c : Component.values()) {
            if (config.of(c).enabled()) {
                out.add(render(c, config));
            }
        }
        return out;
    }

    /** Field name of the component in NfvOperatorConfig's spec. */
    public static String specField(Component component) {
        return switch (component) {
            case AGENT -> "agent";
            case MULTUS -> "multus";
            case CNI_PLUGINS -> "cniPlugins";
            case DEVICE_PLUGIN -> "devicePlugin";
        };
    }
}
