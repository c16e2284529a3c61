package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.render.components.Component;
import io.dataplane.operator.render.components.ComponentRenderer;
import io.dataplane.operator.render.components.ComponentsConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A component ClusterRole has one source of rules. When both the install (deploy/rbac/, shipped in the
 * plain manifest and the CSV) and the operator at run time (rendered from NfvOperatorConfig) define a
 * ClusterRole of the same name, the two writers overwrite each other's rules on every install, upgrade
 * and reconcile, and which rules hold depends on who wrote last. Then they must at least be the same.
 */
class ComponentRbacHasOneSourceTest {

    @ParameterizedTest
    @EnumSource(Component.class)
    void installAndOperatorDoNotDefineTheSameClusterRoleDifferently(Component component) {
        Map<Component, String> images = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            images.put(c, "example.invalid/" + c.id() + ":1");
        }
        List<HasMetadata> rendered = ComponentRenderer.render(component,
                ComponentsConfig.resolve(null, "dataplane-operator", "dataplane.io", images)).objects();
        List<ServiceAccountRbac> installed = ServiceAccountRbac.load(Path.of("deploy/rbac"));
        for (HasMetadata o : rendered) {
            if (!(o instanceof ClusterRole role)) {
                continue;
            }
            Optional<ServiceAccountRbac.Role> shipped = installed.stream().flatMap(sa -> sa.roles().stream())
                    .filter(r -> r.clusterWide() && r.name().equals(role.getMetadata().getName())).findFirst();
            if (shipped.isEmpty()) {
                continue;
            }
            assertThat(Permission.of(role.getRules()))
                    .as("ClusterRole %s: the operator renders these rules, %s ships %s — one of them must go "
                            + "(or they must be equal)", role.getMetadata().getName(), shipped.get().file(),
                            Permission.of(shipped.get().rules()))
                    .isEqualTo(Permission.of(shipped.get().rules()));
            assertThat(resourceNames(role.getRules())).isEqualTo(resourceNames(shipped.get().rules()));
        }
    }

    private static Set<List<String>> resourceNames(List<PolicyRule> rules) {
        return rules.stream().map(r -> r.getResourceNames() == null ? List.<String>of() : List.copyOf(r.getResourceNames()))
                .collect(java.util.stream.Collectors.toSet());
    }
}
