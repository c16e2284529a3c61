package io.dataplane.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicyStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationChangedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
        "a status patch leaves the generation,        3, 3, false",
        "a spec edit moves it,                        3, 4, true",
        "no generation on either side,               null, null, false",
    })
    void onlySpecChangesPass(String name, Long before, Long after, boolean passes) {
        NfvNodePolicy previous = policy(before);
        NfvNodePolicy updated = policy(after);
        updated.setStatus(new NfvNodePolicyStatus());
        updated.getStatus().setReadyNodes(7);
        assertThat(new GenerationChanged().accept(updated, previous)).isEqualTo(passes);
    }

    private static NfvNodePolicy policy(Long generation) {
        NfvNodePolicy p = new NfvNodePolicy();
        p.setMetadata(new ObjectMetaBuilder().withName("p").withGeneration(generation).build());
        return p;
    }
}
