package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.testbed.AuditLog;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionUsageTest {
    private static final String OWN = "dataplane-operator";

    private static final ServiceAccountRbac SA = new ServiceAccountRbac("op", List.of(
            new ServiceAccountRbac.Role(true, "op", List.of(rule("nfv.dataplane.io", "nfvnetworks", "list", "watch", "delete"),
                    rule("nfv.dataplane.io", "nfvnetworks/status", "patch"),
                    rule("", "configmaps", "get", "create"),
                    rule("", "pods", "get")), "op-clusterrole.yaml"),
            new ServiceAccountRbac.Role(false, "op",
                    List.of(rule("coordination.k8s.io", "leases", "create", "get", "update", "patch")), "op-role.yaml")));

    @Test
    void separatesUsedForbiddenUnusedAndTooBroad() {
        List<AuditLog.Event> events = List.of(
                event("list", "nfv.dataplane.io", "nfvnetworks", null, null, 200),
                event("watch", "nfv.dataplane.io", "nfvnetworks", null, null, 200),
                event("patch", "nfv.dataplane.io", "nfvnetworks", "status", "cnf", 200),
                event("get", "", "configmaps", null, OWN, 404),
                event("patch", "", "configmaps", null, OWN, 201),
                event("create", "coordination.k8s.io", "leases", null, OWN, 201),
                event("get", "coordination.k8s.io", "leases", null, OWN, 200),
                event("patch", "coordination.k8s.io", "leases", null, OWN, 200),
                event("create", "apps", "daemonsets", null, OWN, 403, "forbid"),
                // Refused by admission, not RBAC: an apply into a namespace being deleted.
                event("patch", "", "configmaps", null, "terminating", 403, "allow"),
                event("create", "authorization.k8s.io", "selfsubjectrulesreviews", null, null, 201),
                event("get", null, null, null, null, 200));

        PermissionUsage u = PermissionUsage.analyse(SA, OWN, events,
                Set.of(new Permission("get", "", "pods")),
                Set.of(new Permission("update", "coordination.k8s.io", "leases")));

        assertThat(u.forbidden()).containsOnlyKeys(new Permission("create", "apps", "daemonsets"))
                .containsEntry(new Permission("create", "apps", "daemonsets"), Set.of(OWN));
        assertThat(u.unused()).as("delete was never sent; pods are held to grant; lease update is explained")
                .containsExactly(new Permission("delete", "nfv.dataplane.io", "nfvnetworks"));
        assertThat(u.clusterWideButUsedInOwnNamespaceOnly()).as("an apply that created counts as create")
                .containsExactly(new Permission("create", "", "configmaps"), new Permission("get", "", "configmaps"));
        assertThat(u.used()).containsKey(new Permission("patch", "", "configmaps"));
        assertThat(u.used()).containsEntry(new Permission("patch", "nfv.dataplane.io", "nfvnetworks/status"), Set.of("cnf"))
                .containsEntry(new Permission("list", "nfv.dataplane.io", "nfvnetworks"), Set.of(""))
                .doesNotContainKey(new Permission("create", "authorization.k8s.io", "selfsubjectrulesreviews"));
    }

    @Test
    void aNamespacedGrantUsedOnlyElsewhereIsUnused() {
        List<AuditLog.Event> events = List.of(event("get", "coordination.k8s.io", "leases", null, "kube-system", 200));
        PermissionUsage u = PermissionUsage.analyse(SA, OWN, events, Set.of(), Set.of());
        assertThat(u.unused()).contains(new Permission("get", "coordination.k8s.io", "leases"));
    }

    private static PolicyRule rule(String group, String resource, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
    }

    private static AuditLog.Event event(String verb, String group, String resource, String sub, String ns, int code) {
        return event(verb, group, resource, sub, ns, code, code == 403 ? "forbid" : "allow");
    }

    private static AuditLog.Event event(String verb, String group, String resource, String sub, String ns, int code,
            String decision) {
        return new AuditLog.Event("system:serviceaccount:x:op", List.of(), verb, group == null ? "" : group, resource, sub,
                ns, "n", "ResponseComplete", code, "/", decision);
    }
}
