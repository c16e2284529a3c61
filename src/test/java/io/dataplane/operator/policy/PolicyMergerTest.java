package io.dataplane.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge rules of docs/policies.md as a table: src/test/resources/policy/merge-cases.yaml. */
class PolicyMergerTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    static final Map<String, String> DEFAULT_LABELS = Map.of("kubernetes.io/hostname", "node-1", "role", "worker");

    /** One row of the table. */
    public static class Case {
        public String name;
        public Map<String, String> labels;
        public NodeInventory inventory;
        public boolean noInventory;
        public List<NfvNodePolicy> policies = new ArrayList<>();
        public String expect;

        @Override
        public String toString() {
            return name;
        }
    }

    /** The file: shared inventories (YAML anchors) and the cases. */
    public static class Table {
        public Map<String, NodeInventory> inventories;
        public List<Case> cases;
    }

    static Table table() throws IOException {
        try (InputStream in = PolicyMergerTest.class.getResourceAsStream("/policy/merge-cases.yaml")) {
            return YAML.readValue(in, Table.class);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        Table t = table();
        return t.cases.stream().map(c -> Arguments.of(c.name, c, t.inventories.get("host")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesAsTheTableSays(String name, Case c, NodeInventory host) {
        NodeInventory inventory = c.noInventory ? null : c.inventory != null ? c.inventory : host;
        PolicySet set = PolicySet.of(c.policies);
        NodeIntent intent = PolicyMerger.merge(set, "node-1", c.labels != null ? c.labels : DEFAULT_LABELS, inventory);
        assertThat(IntentSummary.describe(set.problems(), intent)).isEqualTo(c.expect.strip());
    }

    @Test
    void theTableHasAtLeast25Cases() throws IOException {
        assertThat(table().cases).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void mergingDoesNotDependOnTheOrderPoliciesArriveIn() throws IOException {
        for (Case c : table().cases) {
            List<NfvNodePolicy> reversed = new ArrayList<>(c.policies);
            java.util.Collections.reverse(reversed);
            NodeInventory inventory = c.noInventory ? null : table().inventories.get("host");
            NodeIntent forward = PolicyMerger.merge("node-1", DEFAULT_LABELS, inventory, c.policies);
            NodeIntent backward = PolicyMerger.merge("node-1", DEFAULT_LABELS, inventory, reversed);
            assertThat(SpecJson.tree(backward.spec())).as(c.name).isEqualTo(SpecJson.tree(forward.spec()));
            assertThat(backward.conflicts()).as(c.name).isEqualTo(forward.conflicts());
        }
    }

    @Test
    void conflictsNameWinnerNodeAndFieldAndSayWhatHappened() throws IOException {
        Case c = table().cases.stream().filter(x -> x.name.startsWith("different numVfs leave")).findFirst().orElseThrow();
        NodeIntent intent = PolicyMerger.merge("node-7", DEFAULT_LABELS, table().inventories.get("host"), c.policies);
        assertThat(intent.conflicts()).singleElement().satisfies(x -> {
            assertThat(x.loser()).isEqualTo("b");
            assertThat(x.winner()).isEqualTo("a");
            assertThat(x.node()).isEqualTo("node-7");
            assertThat(x.field()).isEqualTo("sriov[ens1f0].numVfs");
            assertThat(x.detail()).contains("numVfs 12", "sets 4", "gets no VFs on ens1f0");
        });
    }
}
