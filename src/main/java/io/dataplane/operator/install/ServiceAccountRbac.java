package io.dataplane.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one ServiceAccount may do, read from {@code deploy/rbac/} — the single source of truth for rules.
 * Each {@code *-clusterrole.yaml} / {@code *-role.yaml} file belongs to one ServiceAccount, named by the
 * file's first role; every ClusterRole in it is bound cluster-wide and every Role in the install
 * namespace (a Role's own {@code metadata.namespace}, if any, is replaced by the install namespace). The
 * plain manifest, the CSV's clusterPermissions/permissions and the tests' ServiceAccounts are all built
 * from these files.
 */
record ServiceAccountRbac(String serviceAccount, List<Role> roles) {

    /** One ClusterRole or Role of a ServiceAccount, as written in its file. */
    record Role(boolean clusterWide, String name, List<PolicyRule> rules, String file) {
    }

    List<PolicyRule> clusterRules() {
        return roles.stream().filter(Role::clusterWide).flatMap(r -> r.rules().stream()).toList();
    }

    List<PolicyRule> namespacedRules() {
        return roles.stream().filter(r -> !r.clusterWide()).flatMap(r -> r.rules().stream()).toList();
    }

    @Override
    public String toString() {
        return serviceAccount;
    }

    /** Every ServiceAccount with a file in {@code rbacDir}, sorted by name. */
    static List<ServiceAccountRbac> load(Path rbacDir) {
        Map<String, List<Role>> bySa = new TreeMap<>();
        Map<String, String> roleNames = new TreeMap<>();
        try (Stream<Path> list = Files.list(rbacDir)) {
            for (Path f : list.sorted().toList()) {
                String file = f.getFileName().toString();
                if (!file.endsWith("-clusterrole.yaml") && !file.endsWith("-role.yaml")) {
                    continue;
                }
                List<JsonNode> docs = Yaml.readAll(Files.readString(f));
                if (docs.isEmpty()) {
                    throw new IllegalArgumentException(f + " holds no role");
                }
                String sa = docs.get(0).path("metadata").path("name").asText();
                for (JsonNode doc : docs) {
                    String kind = doc.path("kind").asText();
                    if (!kind.equals("ClusterRole") && !kind.equals("Role")) {
                        throw new IllegalArgumentException(f + " may hold ClusterRoles and Roles only, found " + kind);
                    }
                    String name = doc.path("metadata").path("name").asText();
                    String key = kind + "/" + name;
                    if (roleNames.putIfAbsent(key, file) != null) {
                        throw new IllegalArgumentException(key + " is in both " + roleNames.get(key) + " and " + file);
                    }
                    List<PolicyRule> rules = new ArrayList<>();
                    doc.path("rules").forEach(r -> rules.add(Yaml.convert(r, PolicyRule.class)));
                    bySa.computeIfAbsent(sa, k -> new ArrayList<>())
                            .add(new Role(kind.equals("ClusterRole"), name, List.copyOf(rules), rbacDir.resolve(file).toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ServiceAccountRbac> out = new ArrayList<>();
        bySa.forEach((sa, roles) -> out.add(new ServiceAccountRbac(sa, List.copyOf(roles))));
        return out;
    }

    static ServiceAccountRbac find(List<ServiceAccountRbac> all, String serviceAccount) {
        return all.stream().filter(r -> r.serviceAccount().equals(serviceAccount)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("deploy/rbac has no role for ServiceAccount " + serviceAccount));
    }
}
