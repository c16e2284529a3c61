package io.dataplane.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.testsupport.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** golden/deviceplugin: policies + inventory → merged spec → sriov-network-device-plugin resourceList. */
class DevicePluginConfigRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An input file. */
    public static class Input {
        public String prefix;
        public NodeInventory inventory;
        public List<NfvNodePolicy> policies = new ArrayList<>();
    }

    static Stream<Path> cases() {
        return Golden.inputs("deviceplugin", ".input.yaml");
    }

    static DevicePluginConfigRenderer.Rendered render(Path file) throws Exception {
        Input in = PolicyMergerTest.YAML.readValue(Files.readString(file), Input.class);
        NodeIntent intent = PolicyMerger.merge("node-1", Map.of(), in.inventory, in.policies);
        return DevicePluginConfigRenderer.render(intent.spec(), in.inventory, in.prefix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersGolden(Path input) throws Exception {
        DevicePluginConfigRenderer.Rendered rendered = render(input);
        ObjectNode view = JSON.createObjectNode();
        view.set("config", JSON.readTree(rendered.json()));
        view.set("notes", JSON.valueToTree(rendered.notes()));
        String actual = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view) + "\n";
        Golden.assertMatches(Path.of(input.toString().replace(".input.yaml", ".golden.json")), actual);
    }

    @Test
    void outputIsCompactSingleLineJsonBecauseAThousandNodesShareOneConfigMap() throws Exception {
        String json = render(Golden.ROOT.resolve("deviceplugin/e810-partitioned.input.yaml")).json();
        assertThat(json).doesNotContain("\n", "  ").startsWith("{\"resourceList\":[");
    }

    @Test
    void vfSelectorsUseTheVfDeviceIdNeverThePfs() throws Exception {
        for (Path input : cases().toList()) {
            JsonNode config = JSON.readTree(render(input).json());
            for (JsonNode resource : config.path("resourceList")) {
                for (JsonNode selector : resource.path("selectors")) {
                    for (JsonNode device : selector.path("devices")) {
                        assertThat(device.asText()).as(input.toString()).isNotIn("1592", "159b", "1572", "101d", "4940");
                    }
                }
            }
        }
    }
}
