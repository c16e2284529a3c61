package io.dataplane.operator.testsupport;

import io.dataplane.operator.config.OperatorSettings;
import java.lang.reflect.Proxy;

/**
 * Settings for policy controllers registered by hand on a real API server: the namespace is the test's,
 * and they read nothing else (anything else fails loudly, so a new setting shows up here).
 */
public final class PolicySettings {
    private PolicySettings() {
    }

    public static OperatorSettings inNamespace(String namespace) {
        return (OperatorSettings) Proxy.newProxyInstance(OperatorSettings.class.getClassLoader(),
                new Class<?>[] {OperatorSettings.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "namespace" -> namespace;
                    case "resourcePrefix" -> "dataplane.io";
                    case "toString" -> "settings(" + namespace + ")";
                    default -> throw new UnsupportedOperationException(method.getName() + " is not used by the policy controllers");
                });
    }
}
