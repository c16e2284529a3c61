package io.dataplane.operator.agent;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In agent mode ({@code dataplane.mode=agent}), turns off quarkus-operator-sdk's readiness check: it
 * reports the operator, which agent mode never starts, so {@code /q/health/ready} would stay DOWN
 * (503) for ever. Then {@code /q/health/ready} says what {@link AgentReadiness} says. Derived from
 * the mode rather than set on the DaemonSet, so every way of starting an agent (DaemonSet,
 * {@code make run}, the benchmark) gets it. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; an explicit setting of the
 * property wins (a low ordinal).
 */
public final class AgentHealthConfig implements ConfigSourceFactory {

    static final String OPERATOR_CHECK = "io.quarkiverse.operatorsdk.runtime.OperatorHealthCheck";
    static final String OPERATOR_CHECK_ENABLED = "quarkus.smallrye-health.check.\"" + OPERATOR_CHECK + "\".enabled";
    /** Below application.properties (250) and everything above it. */
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue mode = context.getValue("dataplane.mode");
        if (mode == null || mode.getValue() == null || !mode.getValue().trim().toLowerCase(Locale.ROOT).equals("agent")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(OPERATOR_CHECK_ENABLED, "false"), "dataplane agent mode", ORDINAL));
    }
}
