package io.dataplane.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.api.v1alpha1.ApiGroup;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.TestNamespace;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The CRD schema and CEL rules on a real kube-apiserver: every invalid object of the corpus is rejected
 * with its field named in the message, and every sample in the repo is accepted (server-side dry run).
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaValidationIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    void installCrds(ControlPlane cp) {
        cp.installCrds();
    }

    @TestFactory
    Stream<DynamicTest> invalidObjectsAreRejectedNamingTheField(KubernetesClient client, TestNamespace ns)
            throws IOException {
        JsonNode cases = YAML.readTree(Path.of("src/test/resources/schema/invalid.yaml").toFile());
        assertThat(cases.size()).as("corpus size").isGreaterThanOrEqualTo(30);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                GenericKubernetesResource object = toResource((ObjectNode) c.get("object").deepCopy(), c.get("name").asText(), ns);
                assertThatThrownBy(() -> client.resource(object).dryRun().create())
                        .isInstanceOf(KubernetesClientException.class)
                        .satisfies(e -> {
                            KubernetesClientException k = (KubernetesClientException) e;
                            assertThat(k.getCode()).isEqualTo(422);
                            for (JsonNode expected : c.get("expect")) {
                                assertThat(k.getMessage()).contains(expected.asText());
                            }
                        });
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everySampleIsAccepted(KubernetesClient client) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata item : client.load(Files.newInputStream(file)).items()) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + item.getKind() + "/" + item.getMetadata().getName(),
                            () -> {
                                if (item.getMetadata().getNamespace() != null) {
                                    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                                            .withNewMetadata().withName(item.getMetadata().getNamespace()).endMetadata().build())
                                            .serverSideApply();
                                }
                                assertThat(client.resource(item).dryRun().create()).isNotNull();
                            }));
                }
            }
        }
        assertThat(tests).as("samples found").isNotEmpty();
        return tests.stream();
    }

    private static GenericKubernetesResource toResource(ObjectNode object, String name, TestNamespace ns) {
        object.put("apiVersion", ApiGroup.API_VERSION);
        ObjectNode metadata = object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
        if (!metadata.has("name")) {
            metadata.put("name", name);
        }
        if ("NfvNetwork".equals(object.get("kind").asText())) {
            metadata.put("namespace", ns.name());
        }
        return YAML.convertValue(object, GenericKubernetesResource.class);
    }
}
