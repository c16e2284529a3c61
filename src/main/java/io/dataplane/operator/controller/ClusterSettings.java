package io.dataplane.operator.controller;

import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec;
import io.dataplane.operator.config.OperatorSettings;
import io.dataplane.operator.render.cni.CniSettings;
import java.util.Optional;

/** Settings a user may change in NfvOperatorConfig "default", with the process defaults beneath them. */
public final class ClusterSettings {
    private ClusterSettings() {
    }

    public static CniSettings cni(Optional<NfvOperatorConfig> config, OperatorSettings defaults) {
        NfvOperatorConfigSpec spec = config.map(NfvOperatorConfig::getSpec).orElse(null);
        String prefix = spec != null && spec.getResourcePrefix() != null ? spec.getResourcePrefix() : defaults.resourcePrefix();
        String confDir = spec != null && spec.getCniConfDir() != null ? spec.getCniConfDir() : CniSettings.DEFAULT_CNI_CONF_DIR;
        return new CniSettings(prefix, confDir);
    }
}
