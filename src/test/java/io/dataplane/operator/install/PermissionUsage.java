package io.dataplane.operator.install;

import io.dataplane.operator.testbed.AuditLog;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what a ServiceAccount was granted with what it did, from the audit log of a real API server.
 *
 * @param used each permission used, with the namespaces it was used in ("" for cluster-wide requests)
 * @param forbidden requests the API server refused (a rule is missing), with their namespaces; the verb is
 *        the request's (a refused apply that would have created the object lacks {@code create})
 * @param unused granted permissions neither used, nor held to grant them to a component, nor explained
 * @param clusterWideButUsedInOwnNamespaceOnly cluster-wide grants only ever used in the operator's own
 *        namespace: they belong in the namespaced Role
 */
record PermissionUsage(Map<Permission, Set<String>> used, Map<Permission, Set<String>> forbidden, Set<Permission> unused,
        Set<Permission> clusterWideButUsedInOwnNamespaceOnly) {

    /** Requests every authenticated user may make (system:basic-user, discovery): not the roles' business. */
    static boolean grantedToEveryone(AuditLog.Event e) {
        return e.resource() == null
                || ("authorization.k8s.io".equals(e.apiGroup()) && e.resource().startsWith("selfsubject"))
                || ("authentication.k8s.io".equals(e.apiGroup()) && e.resource().equals("selfsubjectreviews"));
    }

    static Permission permission(AuditLog.Event e) {
        String resource = e.subresource() == null || e.subresource().isEmpty() ? e.resource()
                : e.resource() + "/" + e.subresource();
        return new Permission(e.verb(), e.apiGroup() == null ? "" : e.apiGroup(), resource);
    }

    /**
     * @param sa the rules granted
     * @param ownNamespace where the namespaced rules (the Role) apply
     * @param events the account's requests (any stage but RequestReceived)
     * @param heldToGrant permissions the account must hold because it grants them (RBAC lets no one grant
     *        what it does not have); they may go unused
     * @param notExercised permissions needed on paths the run did not take, each explained by the caller
     */
    static PermissionUsage analyse(ServiceAccountRbac sa, String ownNamespace, Collection<AuditLog.Event> events,
            Set<Permission> heldToGrant, Set<Permission> notExercised) {
        Set<Permission> cluster = Permission.of(sa.clusterRules());
        Set<Permission> namespaced = Permission.of(sa.namespacedRules());
        Map<Permission, Set<String>> used = new TreeMap<>();
        Map<Permission, Set<String>> forbidden = new TreeMap<>();
        for (AuditLog.Event e : events) {
            if (grantedToEveryone(e)) {
                continue;
            }
            Permission p = permission(e);
            String ns = Objects.requireNonNullElse(e.namespace(), "");
            if (e.deniedByAuthorizer()) {
                forbidden.computeIfAbsent(p, k -> new TreeSet<>()).add(ns);
                continue;
            }
            used.computeIfAbsent(p, k -> new TreeSet<>()).add(ns);
            if ("patch".equals(e.verb()) && e.code() == 201) {
                // A server-side apply that created the object: the API server also checked create.
                used.computeIfAbsent(new Permission("create", p.group(), p.resource()), k -> new TreeSet<>()).add(ns);
            }
        }
        Set<Permission> unused = new TreeSet<>();
        for (Permission p : cluster) {
            if (!used.containsKey(p) && !heldToGrant.contains(p) && !notExercised.contains(p)) {
                unused.add(p);
            }
        }
        for (Permission p : namespaced) {
            boolean usedHere = used.getOrDefault(p, Set.of()).contains(ownNamespace);
            if (!usedHere && !notExercised.contains(p)) {
                unused.add(p);
            }
        }
        Set<Permission> tooBroad = new TreeSet<>();
        for (Permission p : cluster) {
            Set<String> where = used.get(p);
            if (where != null && where.equals(Set.of(ownNamespace)) && !heldToGrant.contains(p)) {
                tooBroad.add(p);
            }
        }
        return new PermissionUsage(used, forbidden, unused, tooBroad);
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        used.forEach((p, ns) -> sb.append("  used       ").append(p).append("  in ")
                .append(ns.stream().map(n -> n.isEmpty() ? "(cluster)" : n).toList()).append('\n'));
        forbidden.forEach((p, ns) -> sb.append("  FORBIDDEN  ").append(p).append("  in ")
                .append(ns.stream().map(n -> n.isEmpty() ? "(cluster)" : n).toList()).append('\n'));
        unused.forEach(p -> sb.append("  UNUSED     ").append(p).append('\n'));
        clusterWideButUsedInOwnNamespaceOnly.forEach(p -> sb.append("  TOO BROAD  ").append(p)
                .append(" (cluster-wide, used only in the operator's namespace: move it to the Role)\n"));
        return sb.toString();
    }
}
