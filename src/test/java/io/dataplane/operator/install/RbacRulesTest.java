package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege, statically, for every role file in deploy/rbac/: no wildcard, no Secrets, no way to
 * gain more rights, and the node agent limited to what an agent does. What each rule is used for is
 * checked against a real API server by RbacIsMinimalIT.
 */
class RbacRulesTest {
    /** Verbs that let a holder grant itself or act as others: never needed by this project. */
    private static final Set<String> ESCALATING_VERBS = Set.of("escalate", "bind", "impersonate");
    /**
     * Secrets: no feature of the operator or the agent reads or writes one. A feature that needs one
     * adds (group/resource, why) here and limits the rule with resourceNames.
     */
    private static final Set<String> SECRETS_ALLOWED_FOR = Set.of();
    /**
     * The node agent: its NfvNodeState, its Node (cordon, capability labels), pods on it and their eviction
     * (drain), the drain settings of NfvOperatorConfig, its NFD NodeFeature, events.
     */
    private static final Set<String> AGENT_RESOURCES = Set.of("nfv.dataplane.io/nfvnodestates",
            "nfv.dataplane.io/nfvnodestates/status", "nfv.dataplane.io/nfvoperatorconfigs", "/nodes", "/pods",
            "/pods/eviction", "/events", "events.k8s.io/events", "nfd.k8s-sigs.io/nodefeatures");
    private static final Set<String> READ = Set.of("get", "list", "watch");

    static Stream<Named<ServiceAccountRbac>> serviceAccounts() {
        return ServiceAccountRbac.load(Path.of("deploy/rbac")).stream().map(sa -> Named.of(sa.serviceAccount(), sa));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceAccounts")
    void noWildcardNoSecretsNoEscalation(ServiceAccountRbac sa) {
        for (PolicyRule rule : all(sa)) {
            assertThat(concat(rule.getApiGroups(), rule.getResources(), rule.getVerbs(), rule.getResourceNames()))
                    .as("%s: %s", sa.serviceAccount(), rule).noneMatch(s -> s.contains("*"));
            assertThat(rule.getNonResourceURLs()).as("%s: non-resource URLs", sa.serviceAccount()).isNullOrEmpty();
            assertThat(rule.getVerbs()).as("%s: %s", sa.serviceAccount(), rule).doesNotContainAnyElementsOf(ESCALATING_VERBS);
            assertThat(rule.getApiGroups()).as("%s: every rule names its API groups", sa.serviceAccount()).isNotEmpty();
            if (rule.getApiGroups().contains("") && rule.getResources().stream().anyMatch(r -> r.startsWith("secrets"))) {
                assertThat(SECRETS_ALLOWED_FOR).as("%s may read Secrets: %s", sa.serviceAccount(), rule)
                        .contains(sa.serviceAccount());
            }
            // Rights on RBAC objects would let the holder bind itself anything its rules do not forbid.
            if (rule.getApiGroups().contains("rbac.authorization.k8s.io")) {
                assertThat(rule.getResources()).as("%s: %s", sa.serviceAccount(), rule)
                        .allMatch(r -> r.equals("clusterroles") || r.equals("clusterrolebindings")
                                || r.equals("roles") || r.equals("rolebindings"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceAccounts")
    void everyRuleHasVerbsAndResources(ServiceAccountRbac sa) {
        assertThat(all(sa)).as("%s has rules", sa.serviceAccount()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getVerbs()).isNotEmpty())
                .allSatisfy(r -> assertThat(r.getResources()).isNotEmpty());
    }

    /** The agent runs on every node with host access: it gets nothing beyond its own node's business. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceAccounts")
    void nodeAgentHasOnlyWhatAnAgentNeeds(ServiceAccountRbac sa) {
        if (!sa.serviceAccount().contains("agent")) {
            return;
        }
        for (PolicyRule rule : all(sa)) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    assertThat(AGENT_RESOURCES).as("agent rule %s", rule).contains(group + "/" + resource);
                }
            }
            if (rule.getResources().contains("pods")) {
                assertThat(rule.getVerbs()).as("the agent only reads pods (it evicts, never deletes)").allMatch(READ::contains);
            }
            if (rule.getResources().contains("nfvnodestates")) {
                // Registration creates the state without a spec; the spec is the operator's alone.
                assertThat(rule.getVerbs()).as("the agent reads its NfvNodeState and may create it, never changes or deletes it")
                        .allMatch(v -> READ.contains(v) || v.equals("create"));
            }
            if (rule.getResources().contains("nfvoperatorconfigs")) {
                assertThat(rule.getVerbs()).as("the agent only reads the drain settings").allMatch(READ::contains);
                assertThat(rule.getResourceNames()).as("of the singleton").containsExactly("default");
            }
            if (rule.getResources().contains("nodes")) {
                assertThat(rule.getVerbs()).as("cordon and labels are patches; never delete a node")
                        .allMatch(v -> READ.contains(v) || v.equals("patch"));
            }
        }
        for (String file : sa.roles().stream().filter(ServiceAccountRbac.Role::clusterWide).map(ServiceAccountRbac.Role::file)
                .toList()) {
            assertThat(sa.roles().stream().filter(r -> r.clusterWide() && r.file().equals(file))
                    .flatMap(r -> r.rules().stream()).flatMap(r -> r.getResources().stream()))
                    .as("NodeFeatures only in the agent's own namespace (a Role), %s", file).doesNotContain("nodefeatures");
        }
    }

    private static List<PolicyRule> all(ServiceAccountRbac sa) {
        List<PolicyRule> rules = new ArrayList<>(sa.clusterRules());
        rules.addAll(sa.namespacedRules());
        return rules;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            if (l != null) {
                out.addAll(l);
            }
        }
        return out;
    }
}
