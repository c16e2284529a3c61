package io.dataplane.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplane.operator.agent.AgentMain;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipManagedFieldsTest {
    static final String CONFIG_MAP = """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "a", "namespace": "ns", "resourceVersion": "7", "labels": {"x": "y"},
               "managedFields": [{"manager": "agent", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1",
                 "fieldsV1": {"f:data": {"f:k": {}}, "f:metadata": {"f:labels": {"f:x": {}}}}}]},
             "data": {"k": "v"}}
            """;

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new SkipManagedFields());

    @Test
    void managedFieldsAreNotReadAndEverythingElseIs() throws Exception {
        ConfigMap read = mapper.readValue(CONFIG_MAP, ConfigMap.class);

        assertThat(read.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(read.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(read.getMetadata().getLabels()).containsEntry("x", "y");
        assertThat(read.getData()).containsEntry("k", "v");
        // What the module saves: without it the entry is read, fieldsV1 and all.
        assertThat(new ObjectMapper().readValue(CONFIG_MAP, ConfigMap.class).getMetadata().getManagedFields()).hasSize(1);
    }

    @Test
    void watchEventsReadThroughATreeSkipThemToo() throws Exception {
        // fabric8 reads a watch event's object as a tree first, then converts it.
        ConfigMap read = mapper.treeToValue(mapper.readTree(CONFIG_MAP), ConfigMap.class);

        assertThat(read.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(read.getData()).containsEntry("k", "v");
    }

    @Test
    void objectsBuiltInCodeStillWriteThem() throws Exception {
        ConfigMap cm = mapper.readValue(CONFIG_MAP, ConfigMap.class);
        cm.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("test").build()));

        assertThat(mapper.writeValueAsString(cm)).contains("\"managedFields\":[{\"manager\":\"test\"}]");
    }

    @Test
    void theAgentsSerializationSkipsThemOnItsOwnKinds() {
        KubernetesSerialization agent = AgentMain.serialization();
        NfvNodeState state = agent.unmarshal("""
                {"apiVersion": "nfv.dataplane.io/v1alpha1", "kind": "NfvNodeState",
                 "metadata": {"name": "worker-0", "managedFields": [{"manager": "dataplane-operator", "fieldsV1": {"f:spec": {}}}]},
                 "spec": {}}
                """, NfvNodeState.class);

        assertThat(state.getMetadata().getName()).isEqualTo("worker-0");
        assertThat(state.getMetadata().getManagedFields()).isNullOrEmpty();
    }
}
