package io.dataplane.operator.install;

import io.dataplane.operator.testbed.ControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ServiceAccounts and RBAC of the plain install (the very objects {@link InstallObjects} renders for
 * deploy/dataplane-operator.yaml), created in a test namespace, and kubeconfigs for those accounts: a
 * process run with one has exactly the rights the install gives it.
 */
final class InstalledRbac implements AutoCloseable {
    static final String OPERATOR = InstallSources.OPERATOR_SERVICE_ACCOUNT;

    private final ControlPlane cp;
    private final String namespace;
    private final List<ServiceAccountRbac> rbac;
    private final List<HasMetadata> clusterBindings = new ArrayList<>();

    private InstalledRbac(ControlPlane cp, String namespace, List<ServiceAccountRbac> rbac) {
        this.cp = cp;
        this.namespace = namespace;
        this.rbac = rbac;
    }

    /** Applies the install's RBAC in {@code namespace} (cluster bindings get the namespace as suffix). */
    static InstalledRbac apply(ControlPlane cp, String namespace) {
        List<ServiceAccountRbac> rbac = ServiceAccountRbac.load(cp.repoRoot().resolve("deploy/rbac"));
        InstalledRbac installed = new InstalledRbac(cp, namespace, rbac);
        KubernetesClient admin = cp.client();
        for (HasMetadata o : InstallObjects.rbac(rbac, namespace, "-" + namespace)) {
            admin.resource(o).fieldManager("testbed").forceConflicts().serverSideApply();
            if (o instanceof ClusterRoleBinding) {
                installed.clusterBindings.add(o);
            }
        }
        return installed;
    }

    List<ServiceAccountRbac> rbac() {
        return rbac;
    }

    String username(String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    /** A kubeconfig with a fresh token of {@code serviceAccount}, CA-verified. */
    Path kubeconfig(String serviceAccount) {
        String token = cp.client().serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6L * 3600).endSpec().build())
                .getStatus().getToken();
        return cp.writeKubeconfig("kubeconfig-" + namespace + "-" + serviceAccount, username(serviceAccount), token);
    }

    /** Removes the cluster-wide bindings (the namespace's objects go with the namespace). */
    @Override
    public void close() {
        for (HasMetadata b : clusterBindings) {
            cp.client().resource(b).delete();
        }
    }
}
