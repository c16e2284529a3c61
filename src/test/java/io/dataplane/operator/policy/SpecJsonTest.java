package io.dataplane.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The comparisons that decide whether the operator writes a node's state. */
class SpecJsonTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "identical                          | {policies: [p], hugepages: {pages: [{size: 1Gi, count: 2}]}} | {policies: [p], hugepages: {pages: [{size: 1Gi, count: 2}]}} | true  | true",
        "one count differs                  | {hugepages: {pages: [{size: 1Gi, count: 2}]}}                | {hugepages: {pages: [{size: 1Gi, count: 4}]}}                | false | false",
        "only the grant differs             | {policies: [p], disruptionAllowed: true}                     | {policies: [p]}                                              | false | true",
        "grant false and absent             | {policies: [p], disruptionAllowed: false}                    | {policies: [p]}                                              | false | true",
        "list order matters                 | {policies: [a, b]}                                           | {policies: [b, a]}                                           | false | false",
        "null spec and empty spec           | null                                                         | {}                                                           | true  | true",
        "empty lists are absent             | {interfaces: [], policies: []}                               | {}                                                           | true  | true",
        "a field of a nested object         | {interfaces: [{pciAddress: '0000:18:00.0', numVfs: 4}]}      | {interfaces: [{pciAddress: '0000:18:00.0', numVfs: 4, mtu: 9000}]} | false | false",
    })
    void specs(String name, String a, String b, boolean sameSpec, boolean sameIntent) throws Exception {
        NfvNodeStateSpec left = a == null ? null : YAML.readValue(a, NfvNodeStateSpec.class);
        NfvNodeStateSpec right = b == null ? null : YAML.readValue(b, NfvNodeStateSpec.class);
        assertThat(SpecJson.sameSpec(left, right)).as("sameSpec").isEqualTo(sameSpec);
        assertThat(SpecJson.sameSpec(right, left)).as("sameSpec, swapped").isEqualTo(sameSpec);
        assertThat(SpecJson.sameIntent(left, right)).as("sameIntent").isEqualTo(sameIntent);
        // The byte comparison agrees with comparing JSON trees, which is what the server would see.
        assertThat(SpecJson.tree(left == null ? new NfvNodeStateSpec() : left)
                .equals(SpecJson.tree(right == null ? new NfvNodeStateSpec() : right))).isEqualTo(sameSpec);
    }

    @Test
    void mapsWithTheSameEntriesAreTheSameWhateverTheirOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", Map.of("k", "v"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", Map.of("k", "v"));
        b.put("x", 1);
        assertThat(SpecJson.sameJson(a, b)).isTrue();
        b.put("x", 2);
        assertThat(SpecJson.sameJson(a, b)).isFalse();
    }
}
