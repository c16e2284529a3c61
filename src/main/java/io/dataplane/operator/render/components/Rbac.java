package io.dataplane.operator.render.components;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** Cluster-scoped RBAC of a component (named like its DaemonSet), bound to its ServiceAccount. */
final class Rbac {
    private Rbac() {
    }

    static ClusterRole clusterRole(Component component, List<PolicyRule> rules) {
        return new ClusterRoleBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(component.objectName())
                        .withLabels(ComponentLabels.of(component)).build())
                .withRules(rules)
                .build();
    }

    static ClusterRoleBinding binding(Component component, String namespace) {
        return new ClusterRoleBindingBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(component.objectName())
                        .withLabels(ComponentLabels.of(component)).build())
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", component.objectName())
                .addNewSubject().withKind("ServiceAccount").withName(component.objectName()).withNamespace(namespace)
                .endSubject()
                .build();
    }
}
