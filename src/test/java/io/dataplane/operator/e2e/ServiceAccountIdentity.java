package io.dataplane.operator.e2e;

import io.dataplane.operator.testbed.ControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ServiceAccount bound to the project's own ClusterRole, and a kubeconfig with its token, so that
 * the operator under test has exactly the rights it will have in a cluster: a missing rule fails a test.
 * A role file {@code deploy/rbac/<x>-clusterrole.yaml} comes with an optional {@code <x>-role.yaml}
 * (rules in the ServiceAccount's own namespace, e.g. the leader election Lease), bound there as the
 * install does.
 */
public final class ServiceAccountIdentity {
    private ServiceAccountIdentity() {
    }

    /** Returns the kubeconfig path; the audit log names the user system:serviceaccount:NS:NAME. */
    public static Path create(ControlPlane cp, String namespace, String name, Path clusterRoleFile) {
        KubernetesClient admin = cp.client();
        admin.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
        admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .build()).serverSideApply();
        String roleName;
        try {
            HasMetadata role = admin.load(Files.newInputStream(clusterRoleFile)).items().stream()
                    .filter(ClusterRole.class::isInstance).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(clusterRoleFile + " holds no ClusterRole"));
            role.getMetadata().setResourceVersion(null);
            admin.resource(role).fieldManager("testbed").forceConflicts().serverSideApply();
            roleName = role.getMetadata().getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(roleName + "-" + namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", roleName)
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build()).serverSideApply();
        bindNamespacedRole(admin, clusterRoleFile, namespace, name);
        String token = admin.serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(24L * 3600).endSpec().build())
                .getStatus().getToken();
        String server = admin.getConfiguration().getMasterUrl();
        Path kubeconfig = cp.dir().resolve("kubeconfig-" + namespace + "-" + name);
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: testbed
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: %s
                  user: {token: "%s"}
                contexts:
                - name: %s
                  context: {cluster: testbed, user: %s}
                current-context: %s
                """.formatted(server, name, token, name, name, name);
        try {
            Files.writeString(kubeconfig, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kubeconfig;
    }

    /** Binds the Role of {@code <x>-role.yaml} next to {@code <x>-clusterrole.yaml}, if there is one. */
    private static void bindNamespacedRole(KubernetesClient admin, Path clusterRoleFile, String namespace, String name) {
        String file = clusterRoleFile.getFileName().toString();
        if (!file.endsWith("-clusterrole.yaml")) {
            return;
        }
        Path roleFile = clusterRoleFile.resolveSibling(file.replace("-clusterrole.yaml", "-role.yaml"));
        if (!Files.exists(roleFile)) {
            return;
        }
        try {
            Role role = admin.load(Files.newInputStream(roleFile)).items().stream().filter(Role.class::isInstance)
                    .map(Role.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(roleFile + " holds no Role"));
            role.getMetadata().setNamespace(namespace);
            role.getMetadata().setResourceVersion(null);
            admin.resource(role).fieldManager("testbed").forceConflicts().serverSideApply();
            admin.resource(new RoleBindingBuilder().withNewMetadata().withName(role.getMetadata().getName())
                    .withNamespace(namespace).endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "Role", role.getMetadata().getName())
                    .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                    .build()).serverSideApply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String username(String namespace, String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }
}
