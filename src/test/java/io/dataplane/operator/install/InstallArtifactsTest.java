package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What users and OLM rely on in the rendered install artifacts, checked against the sources they come
 * from (read here independently of the generator where it matters: application.properties through
 * java.util.Properties, YAML through SnakeYAML rather than Jackson).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallArtifactsTest {
    private static final Path REPO = InstallArtifactsAreCurrentTest.REPO;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SortedMap<String, String> files;
    private List<JsonNode> plain;
    private JsonNode csv;
    private Properties properties;
    private List<ServiceAccountRbac> rbac;

    @BeforeAll
    void render() throws IOException {
        files = InstallArtifacts.render(REPO);
        plain = snakeYamlAll(files.get(InstallArtifacts.PLAIN_MANIFEST));
        csv = snakeYamlAll(files.get("bundle/manifests/dataplane-operator.clusterserviceversion.yaml")).get(0);
        properties = new Properties();
        try (var in = Files.newInputStream(REPO.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        rbac = ServiceAccountRbac.load(REPO.resolve("deploy/rbac"));
    }

    /** Every YAML file the generator writes reads back, with a second parser, as the tree it rendered. */
    @Test
    void everyRenderedYamlFileParsesWithAnotherParser() {
        files.forEach((path, text) -> {
            if (path.endsWith(".yaml")) {
                assertThat(snakeYamlAll(text)).as(path).isNotEmpty()
                        .allSatisfy(doc -> assertThat(doc.isObject()).as("document of %s", path).isTrue());
            }
        });
        assertThat(csv.path("spec").path("description").asText()).as("multi-line description survives")
                .contains("\n").contains("NfvNodePolicy");
    }

    @Test
    void plainManifestInstallsNamespaceCrdsRbacAndDeploymentInApplyOrder() throws IOException {
        List<String> kinds = plain.stream().map(d -> d.path("kind").asText()).toList();
        assertThat(kinds.get(0)).isEqualTo("Namespace");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("Deployment");
        assertThat(kinds.indexOf("ServiceAccount")).isGreaterThan(kinds.lastIndexOf("CustomResourceDefinition"));
        assertThat(names(plain, "CustomResourceDefinition")).containsExactlyInAnyOrderElementsOf(committedCrdNames());
        String namespace = plain.get(0).path("metadata").path("name").asText();
        assertThat(namespace).isEqualTo(defaultOf(properties.getProperty("dataplane.namespace")));
        plain.stream().filter(d -> !d.path("metadata").path("namespace").isMissingNode())
                .forEach(d -> assertThat(d.path("metadata").path("namespace").asText()).isEqualTo(namespace));
        assertThat(names(plain, "ServiceAccount")).containsExactlyInAnyOrderElementsOf(
                rbac.stream().map(ServiceAccountRbac::serviceAccount).toList());
    }

    /** RBAC in the plain manifest and in the CSV is exactly the rules of deploy/rbac/, for each ServiceAccount. */
    @Test
    void grantedRulesAreTheRulesOfDeployRbac() {
        for (ServiceAccountRbac sa : rbac) {
            String name = sa.serviceAccount();
            for (ServiceAccountRbac.Role role : sa.roles()) {
                String kind = role.clusterWide() ? "ClusterRole" : "Role";
                assertThat(rules(object(plain, kind, role.name()))).as("%s %s", kind, role.name())
                        .isEqualTo(tree(role.rules()));
                JsonNode binding = object(plain, kind + "Binding", role.name());
                assertThat(binding).as("binding of %s %s", kind, role.name()).isNotNull();
                assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.name());
                assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo(name);
            }
            assertThat(permissionRules("clusterPermissions", name)).as("CSV clusterPermissions of %s", name)
                    .isEqualTo(tree(sa.clusterRules()));
            assertThat(permissionRules("permissions", name)).as("CSV permissions of %s", name)
                    .isEqualTo(tree(sa.namespacedRules()));
        }
        long roleFiles;
        try (Stream<Path> list = Files.list(REPO.resolve("deploy/rbac"))) {
            roleFiles = list.filter(f -> f.toString().endsWith("role.yaml")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(rbac.stream().mapToLong(sa -> sa.roles().stream().map(ServiceAccountRbac.Role::file).distinct().count())
                .sum()).as("every role file of deploy/rbac is installed").isEqualTo(roleFiles);
    }

    @Test
    void deploymentRunsTwoLeaderElectedReplicasWithEveryRelatedImage() {
        Deployment d = Yaml.convert(object(plain, "Deployment", "dataplane-operator"), Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("dataplane-operator");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
        Map<String, String> images = relatedImagesOfProperties();
        assertThat(images).as("dataplane.images.* of application.properties").hasSizeGreaterThanOrEqualTo(5);
        images.forEach((var, image) -> assertThat(env.get(var)).as(var).isNotNull()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(image)));
        assertThat(c.getImage()).isEqualTo(images.get("RELATED_IMAGE_OPERATOR"));
        assertThat(env.get("OPERATOR_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get("DATAPLANE_LEADER_ELECTION_ENABLED").getValue()).isEqualTo("true");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void csvDeploymentIsThePlainManifestsDeployment() {
        JsonNode deployments = csv.path("spec").path("install").path("spec").path("deployments");
        assertThat(deployments).hasSize(1);
        assertThat(deployments.get(0).path("spec")).isEqualTo(object(plain, "Deployment", "dataplane-operator").path("spec"));
    }

    @Test
    void csvListsEveryImageTheOperatorRunsOrDeploys() {
        Map<String, String> related = StreamSupport.stream(csv.path("spec").path("relatedImages").spliterator(), false)
                .collect(Collectors.toMap(n -> n.path("name").asText(), n -> n.path("image").asText()));
        assertThat(related.values()).containsExactlyInAnyOrderElementsOf(relatedImagesOfProperties().values());
        JsonNode container = csv.path("spec").path("install").path("spec").path("deployments").get(0).path("spec")
                .path("template").path("spec").path("containers").get(0);
        assertThat(related.values()).contains(container.path("image").asText());
        container.path("env").forEach(e -> {
            if (e.path("name").asText().startsWith("RELATED_IMAGE_")) {
                assertThat(related.values()).as(e.path("name").asText()).contains(e.path("value").asText());
            }
        });
        assertThat(csv.path("metadata").path("annotations").path("containerImage").asText())
                .isEqualTo(container.path("image").asText());
    }

    @Test
    void csvOwnsEveryCrdWithDescriptionsAndConditionDescriptors() throws IOException {
        JsonNode owned = csv.path("spec").path("customresourcedefinitions").path("owned");
        assertThat(StreamSupport.stream(owned.spliterator(), false).map(o -> o.path("name").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(committedCrdNames());
        owned.forEach(o -> {
            assertThat(o.path("displayName").asText()).startsWith("NFV ");
            assertThat(o.path("description").asText()).as("description of %s", o.path("kind")).isNotBlank();
            assertThat(o.path("version").asText()).isEqualTo("v1alpha1");
            assertThat(o.path("specDescriptors")).as("specDescriptors of %s", o.path("kind")).isNotEmpty();
            assertThat(o.path("statusDescriptors")).as("statusDescriptors of %s", o.path("kind"))
                    .anySatisfy(d -> {
                        assertThat(d.path("path").asText()).isEqualTo("conditions");
                        assertThat(d.path("x-descriptors").get(0).asText())
                                .isEqualTo("urn:alm:descriptor:io.kubernetes.conditions");
                    });
        });
        List<String> bundledCrds = files.keySet().stream()
                .filter(p -> p.startsWith("bundle/manifests/") && !p.contains("clusterserviceversion")).toList();
        assertThat(bundledCrds).hasSameSizeAs(committedCrdNames());
    }

    /** alm-examples are the repository's samples (what `make run` applies), without the Namespace. */
    @Test
    void almExamplesAreTheSamples() throws IOException {
        JsonNode examples = JSON.readTree(csv.path("metadata").path("annotations").path("alm-examples").asText());
        List<JsonNode> samples = new ArrayList<>();
        try (Stream<Path> list = Files.list(REPO.resolve("samples"))) {
            for (Path f : list.sorted().toList()) {
                snakeYamlAll(Files.readString(f)).stream().filter(s -> !s.path("kind").asText().equals("Namespace"))
                        .forEach(samples::add);
            }
        }
        assertThat(samples).isNotEmpty();
        assertThat(StreamSupport.stream(examples.spliterator(), false).toList()).containsExactlyElementsOf(samples);
        List<String> ownedKinds = StreamSupport.stream(csv.path("spec").path("customresourcedefinitions").path("owned")
                .spliterator(), false).map(o -> o.path("kind").asText()).toList();
        examples.forEach(e -> assertThat(ownedKinds).as("kind of an example").contains(e.path("kind").asText()));
    }

    @Test
    void csvCatalogFields() {
        JsonNode spec = csv.path("spec");
        assertThat(csv.path("metadata").path("name").asText()).isEqualTo("dataplane-operator.v" + spec.path("version").asText());
        assertThat(spec.path("version").asText()).as("CSV version = project version without -SNAPSHOT")
                .isEqualTo(InstallSources.projectVersion(read("pom.xml")));
        assertThat(relatedImagesOfProperties().get("RELATED_IMAGE_OPERATOR"))
                .as("the default operator image is the release being bundled").endsWith(":" + spec.path("version").asText());
        assertThat(spec.path("displayName").asText()).isEqualTo("Dataplane Operator");
        assertThat(spec.path("maturity").asText()).isEqualTo("alpha");
        assertThat(spec.path("minKubeVersion").asText()).isEqualTo("1.30.0");
        assertThat(spec.path("provider").path("name").asText()).isEqualTo("dataplane-operator project");
        assertThat(StreamSupport.stream(spec.path("keywords").spliterator(), false).map(JsonNode::asText))
                .contains("sriov", "dpdk", "ovs-dpdk", "multus", "nfv", "cnf", "hugepages", "numa");
        assertThat(spec.path("links")).isNotEmpty().allSatisfy(l -> assertThat(l.path("url").asText()).startsWith("https://"));
        JsonNode icon = spec.path("icon").get(0);
        assertThat(icon.path("mediatype").asText()).isEqualTo("image/svg+xml");
        assertThat(new String(Base64.getDecoder().decode(icon.path("base64data").asText()))).startsWith("<svg");
        Map<String, Boolean> modes = StreamSupport.stream(spec.path("installModes").spliterator(), false)
                .collect(Collectors.toMap(m -> m.path("type").asText(), m -> m.path("supported").asBoolean()));
        assertThat(modes).containsEntry("AllNamespaces", true).containsKeys("OwnNamespace", "SingleNamespace",
                "MultiNamespace");
        assertThat(spec.path("description").asText()).startsWith(Readme.intro(read("README.md")).substring(0, 40));
    }

    @Test
    void bundleMetadataAndDockerfileAgree() {
        JsonNode annotations = snakeYamlAll(files.get("bundle/metadata/annotations.yaml")).get(0).path("annotations");
        assertThat(annotations.path("operators.operatorframework.io.bundle.mediatype.v1").asText()).isEqualTo("registry+v1");
        assertThat(annotations.path("operators.operatorframework.io.bundle.package.v1").asText()).isEqualTo("dataplane-operator");
        String dockerfile = files.get("bundle/bundle.Dockerfile");
        annotations.fields().forEachRemaining(a -> assertThat(dockerfile).contains("LABEL " + a.getKey() + "=" + a.getValue().asText()));
        assertThat(dockerfile).contains("COPY manifests /manifests/").contains("COPY metadata /metadata/");
    }

    private JsonNode permissionRules(String field, String serviceAccount) {
        for (JsonNode p : csv.path("spec").path("install").path("spec").path(field)) {
            if (p.path("serviceAccountName").asText().equals(serviceAccount)) {
                return p.path("rules");
            }
        }
        return JSON.createArrayNode();
    }

    private static JsonNode rules(JsonNode object) {
        return object == null ? JSON.createArrayNode() : object.path("rules");
    }

    private static JsonNode tree(List<PolicyRule> rules) {
        return JSON.valueToTree(rules);
    }

    private static JsonNode object(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
    }

    private static List<String> names(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind))
                .map(d -> d.path("metadata").path("name").asText()).toList();
    }

    private static List<String> committedCrdNames() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(REPO.resolve("crds"))) {
            for (Path f : list.sorted().toList()) {
                out.add(snakeYamlAll(Files.readString(f)).get(0).path("metadata").path("name").asText());
            }
        }
        return out;
    }

    /** RELATED_IMAGE_X → default image, as java.util.Properties reads application.properties. */
    private Map<String, String> relatedImagesOfProperties() {
        return properties.stringPropertyNames().stream().filter(k -> k.startsWith("dataplane.images."))
                .collect(Collectors.toMap(k -> properties.getProperty(k).replaceAll("^\\$\\{([A-Z_]+):.*}$", "$1"),
                        k -> defaultOf(properties.getProperty(k))));
    }

    private static String defaultOf(String value) {
        return value.replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1");
    }

    private static String read(String file) {
        try {
            return Files.readString(REPO.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> snakeYamlAll(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (Object doc : new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                out.add(JSON.valueToTree(doc));
            }
        }
        return out;
    }
}
