package io.dataplane.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Process-level settings of the operator, from application.properties and the environment.
 * Per-cluster settings a user changes at run time live in NfvOperatorConfig instead. The node agent,
 * the same artifact started with {@code DATAPLANE_MODE=agent}, reads {@link AgentSettings} instead.
 */
@ConfigMapping(prefix = "dataplane")
public interface OperatorSettings {

    /** Namespace the operator runs in and deploys its components to. */
    @WithDefault("dataplane-operator")
    String namespace();

    /** Device plugin resource prefix used until NfvOperatorConfig says otherwise. */
    @WithDefault("dataplane.io")
    String resourcePrefix();

    /** Images of the components, from RELATED_IMAGE_* variables as OLM expects. */
    Images images();

    interface Images {
        String operator();

        String agent();

        String multus();

        String cniPlugins();

        String devicePlugin();
    }
}
