package io.dataplane.operator.render.components;

import io.dataplane.operator.api.v1alpha1.ComponentSpec;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec;
import java.util.function.Function;

/**
 * The node components the operator rolls out, one DaemonSet each. {@link #id()} is the name in
 * NfvOperatorConfig status and the {@code app.kubernetes.io/component} label; {@link #objectName()}
 * names the DaemonSet, its ServiceAccount and (prefix) its other objects.
 */
public enum Component {
    AGENT("agent", "Agent", NfvOperatorConfigSpec::getAgent),
    MULTUS("multus", "Multus", NfvOperatorConfigSpec::getMultus),
    CNI_PLUGINS("cni-plugins", "CniPlugins", NfvOperatorConfigSpec::getCniPlugins),
    DEVICE_PLUGIN("device-plugin", "DevicePlugin", NfvOperatorConfigSpec::getDevicePlugin);

    private final String id;
    private final String conditionPrefix;
    private final Function<NfvOperatorConfigSpec, ComponentSpec> spec;

    Component(String id, String conditionPrefix, Function<NfvOperatorConfigSpec, ComponentSpec> spec) {
        this.id = id;
        this.conditionPrefix = conditionPrefix;
        this.spec = spec;
    }

    public String id() {
        return id;
    }

    /** DaemonSet and ServiceAccount name, e.g. {@code dataplane-multus}. */
    public String objectName() {
        return "dataplane-" + id;
    }

    /** Top-level condition type of this component in NfvOperatorConfig status, e.g. {@code MultusReady}. */
    public String readyCondition() {
        return conditionPrefix + "Ready";
    }

    /** This component's part of the spec, or null when the spec leaves it out. */
    public ComponentSpec specOf(NfvOperatorConfigSpec configSpec) {
        return configSpec == null ? null : spec.apply(configSpec);
    }

    public static Component byId(String id) {
        for (Component c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }
}
