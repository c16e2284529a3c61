package io.dataplane.operator.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patch used where server-side apply is unavailable: the spec, and the owner reference if missing. */
class NodeStateWriterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final Node node = new NodeBuilder().withNewMetadata().withName("n1").withUid("uid-1").endMetadata().build();

    @Test
    void aStateTheAgentCreatedGetsTheNodeAsOwner() throws Exception {
        NfvNodeState created = new NfvNodeState();
        created.setMetadata(new ObjectMetaBuilder().withName("n1").build());
        JsonNode ops = JSON.readTree(NodeStateWriter.jsonPatch(node, spec(), created));
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).path("path").asText()).isEqualTo("/spec");
        assertThat(ops.get(0).path("value").path("policies").get(0).asText()).isEqualTo("p");
        assertThat(ops.get(1).path("path").asText()).isEqualTo("/metadata/ownerReferences");
        JsonNode ref = ops.get(1).path("value").get(0);
        assertThat(ref.path("kind").asText()).isEqualTo("Node");
        assertThat(ref.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(ref.path("uid").asText()).isEqualTo("uid-1");
        assertThat(ref.path("blockOwnerDeletion").asBoolean(true)).isFalse();
    }

    @Test
    void otherOwnersAreKeptAndAnOwnedStateOnlyGetsItsSpec() throws Exception {
        NfvNodeState other = new NfvNodeState();
        other.setMetadata(new ObjectMetaBuilder().withName("n1").withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("ConfigMap").withName("x").withUid("uid-x").build()).build());
        JsonNode ops = JSON.readTree(NodeStateWriter.jsonPatch(node, spec(), other));
        assertThat(ops.get(1).path("path").asText()).isEqualTo("/metadata/ownerReferences/-");

        NfvNodeState owned = new NfvNodeState();
        owned.setMetadata(new ObjectMetaBuilder().withName("n1").withOwnerReferences(NodeStateWriter.ownerReference(node)).build());
        assertThat(JSON.readTree(NodeStateWriter.jsonPatch(node, spec(), owned))).hasSize(1);
    }

    @Test
    void aRecreatedNodeWithTheSameNameIsANewOwner() {
        NfvNodeState state = new NfvNodeState();
        state.setMetadata(new ObjectMetaBuilder().withName("n1").withOwnerReferences(NodeStateWriter.ownerReference(node)).build());
        Node recreated = new NodeBuilder().withNewMetadata().withName("n1").withUid("uid-2").endMetadata().build();
        assertThat(NodeStateWriter.ownedBy(state, node)).isTrue();
        assertThat(NodeStateWriter.ownedBy(state, recreated)).isFalse();
    }

    private static NfvNodeStateSpec spec() {
        NfvNodeStateSpec spec = new NfvNodeStateSpec();
        spec.setPolicies(List.of("p"));
        return spec;
    }
}
