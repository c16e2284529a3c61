package io.dataplane.operator.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Kubernetes objects of a plain install, other than the CRDs (which are copied as committed). */
final class InstallObjects {
    static final String PART_OF = "app.kubernetes.io/part-of";

    private InstallObjects() {
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withMetadata(new ObjectMetaBuilder().withName(name)
                .withLabels(Map.of(PART_OF, OperatorDeployment.NAME)).build()).build();
    }

    /**
     * The ServiceAccounts, then their ClusterRoles with ClusterRoleBindings, then their Roles with
     * RoleBindings in {@code namespace}. {@code bindingSuffix} keeps cluster-wide binding names apart when one
     * cluster holds several installs (tests); a real install passes "".
     */
    static List<HasMetadata> rbac(List<ServiceAccountRbac> all, String namespace, String bindingSuffix) {
        List<HasMetadata> out = new ArrayList<>();
        for (ServiceAccountRbac sa : all) {
            out.add(new ServiceAccountBuilder().withMetadata(meta(sa.serviceAccount(), namespace)).build());
        }
        for (boolean clusterWide : new boolean[] {true, false}) {
            for (ServiceAccountRbac sa : all) {
                for (ServiceAccountRbac.Role role : sa.roles()) {
                    if (role.clusterWide() != clusterWide) {
                        continue;
                    }
                    if (clusterWide) {
                        out.add(new ClusterRoleBuilder().withMetadata(meta(role.name(), null)).withRules(role.rules()).build());
                        out.add(new ClusterRoleBindingBuilder().withMetadata(meta(role.name() + bindingSuffix, null))
                                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role.name())
                                .withSubjects(subject(sa, namespace)).build());
                    } else {
                        out.add(new RoleBuilder().withMetadata(meta(role.name(), namespace)).withRules(role.rules()).build());
                        out.add(new RoleBindingBuilder().withMetadata(meta(role.name(), namespace))
                                .withNewRoleRef("rbac.authorization.k8s.io", "Role", role.name())
                                .withSubjects(subject(sa, namespace)).build());
                    }
                }
            }
        }
        return out;
    }

    private static Subject subject(ServiceAccountRbac sa, String namespace) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(sa.serviceAccount()).withNamespace(namespace)
                .build();
    }

    private static ObjectMeta meta(String name, String namespace) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", name);
        labels.put(PART_OF, OperatorDeployment.NAME);
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build();
    }
}
