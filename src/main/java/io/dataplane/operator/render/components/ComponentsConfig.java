package io.dataplane.operator.render.components;

import io.dataplane.operator.api.v1alpha1.ComponentSpec;
import io.dataplane.operator.api.v1alpha1.LogLevel;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the component manifests depend on, with the defaults filled in: the input of the pure
 * renderers. Built from NfvOperatorConfig's spec (which may leave anything out, e.g. on a server that
 * did not apply the CRD's defaults) and the operator's process settings.
 *
 * @param namespace where every namespaced component object lives (the operator's namespace)
 * @param resourcePrefix device plugin resource prefix
 * @param logLevel log level of the components
 * @param cniBinDir host directory of CNI binaries
 * @param cniConfDir host directory of CNI configuration
 * @param components every component, resolved
 */
public record ComponentsConfig(String namespace, String resourcePrefix, LogLevel logLevel, String cniBinDir,
        String cniConfDir, Map<Component, ComponentSettings> components) {

    public static final String DEFAULT_CNI_BIN_DIR = "/opt/cni/bin";
    public static final String DEFAULT_CNI_CONF_DIR = "/etc/cni/net.d";
    public static final String OS_LABEL = "kubernetes.io/os";

    /**
     * @param spec NfvOperatorConfig's spec, may be null
     * @param defaultImages image of each component when the spec names none (RELATED_IMAGE_*)
     */
    public static ComponentsConfig resolve(NfvOperatorConfigSpec spec, String namespace, String defaultPrefix,
            Map<Component, String> defaultImages) {
        NfvOperatorConfigSpec s = spec == null ? new NfvOperatorConfigSpec() : spec;
        Map<Component, ComponentSettings> components = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            components.put(c, settings(c.specOf(s), defaultImages.get(c)));
        }
        return new ComponentsConfig(namespace,
                s.getResourcePrefix() == null ? defaultPrefix : s.getResourcePrefix(),
                s.getLogLevel() == null ? LogLevel.INFO : s.getLogLevel(),
                s.getCniBinDir() == null ? DEFAULT_CNI_BIN_DIR : s.getCniBinDir(),
                s.getCniConfDir() == null ? DEFAULT_CNI_CONF_DIR : s.getCniConfDir(),
                components);
    }

    public ComponentSettings of(Component component) {
        return components.get(component);
    }

    private static ComponentSettings settings(ComponentSpec spec, String defaultImage) {
        boolean enabled = spec == null || spec.getEnabled() == null || spec.getEnabled();
        String image = spec != null && spec.getImage() != null && !spec.getImage().isBlank() ? spec.getImage() : defaultImage;
        Map<String, String> selector = new TreeMap<>();
        selector.put(OS_LABEL, "linux");
        if (spec != null && spec.getNodeSelector() != null) {
            selector.putAll(spec.getNodeSelector());
        }
        // Node components must also run on tainted nodes (control plane, NoExecute while a node recovers),
        // or pods there get no networks: tolerate everything unless the user says otherwise.
        List<Toleration> tolerations = spec != null && spec.getTolerations() != null && !spec.getTolerations().isEmpty()
                ? List.copyOf(spec.getTolerations())
                : List.of(new TolerationBuilder().withOperator("Exists").build());
        return new ComponentSettings(enabled, image, selector, tolerations);
    }
}
