package io.dataplane.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The OLM ClusterServiceVersion, rendered from the same sources as the plain install: the Deployment,
 * the rules of {@code deploy/rbac/}, the CRDs, the samples (alm-examples) and the README (descriptions).
 */
final class ClusterServiceVersion {
    static final String PACKAGE = "dataplane-operator";
    /** OLM's channel naming: candidate (pre-release), fast, stable; an alpha API starts in candidate. */
    static final String CHANNEL = "candidate";
    static final String MIN_KUBE_VERSION = "1.30.0";
    /** Where the sources and docs live; the CSV's links and description point here. */
    static final String PROJECT_URL = "https://github.com/dataplane-operator/dataplane-operator";
    static final List<String> KEYWORDS = List.of("sriov", "dpdk", "ovs-dpdk", "multus", "nfv", "cnf", "hugepages", "numa",
            "cpu-pinning", "vhost-user");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ClusterServiceVersion() {
    }

    static String name(String version) {
        return PACKAGE + ".v" + version;
    }

    static ObjectNode render(InstallSources src) {
        ObjectNode csv = F.objectNode();
        csv.put("apiVersion", "operators.coreos.com/v1alpha1");
        csv.put("kind", "ClusterServiceVersion");
        ObjectNode meta = csv.putObject("metadata");
        meta.put("name", name(src.version()));
        meta.put("namespace", "placeholder");
        ObjectNode annotations = meta.putObject("annotations");
        annotations.put("alm-examples", Yaml.prettyJson(almExamples(src)));
        annotations.put("capabilities", "Basic Install");
        annotations.put("categories", "Networking");
        annotations.put("containerImage", src.image("operator").image());
        annotations.put("description", Readme.tagline(src.readme()));
        annotations.put("operatorframework.io/suggested-namespace", src.namespace());
        // Written by the operator, one per node: the console lists them but offers no "create" form.
        annotations.put("operators.operatorframework.io/internal-objects", Yaml.compactJson(internalObjects(src)));
        annotations.put("repository", PROJECT_URL);
        annotations.put("support", "dataplane-operator project");

        ObjectNode spec = csv.putObject("spec");
        spec.put("displayName", "Dataplane Operator");
        spec.put("description", Readme.csvDescription(src.readme(), PROJECT_URL + "/blob/main/"));
        spec.put("version", src.version());
        spec.put("minKubeVersion", MIN_KUBE_VERSION);
        spec.put("maturity", "alpha");
        ArrayNode keywords = spec.putArray("keywords");
        KEYWORDS.forEach(keywords::add);
        spec.putObject("provider").put("name", "dataplane-operator project");
        ArrayNode links = spec.putArray("links");
        link(links, "Source code", PROJECT_URL);
        link(links, "Installation", PROJECT_URL + "/blob/main/docs/install.md");
        link(links, "API reference", PROJECT_URL + "/blob/main/docs/api.md");
        link(links, "Architecture", PROJECT_URL + "/blob/main/docs/architecture.md");
        ObjectNode icon = spec.putArray("icon").addObject();
        icon.put("base64data", Base64.getEncoder().encodeToString(src.iconSvg()));
        icon.put("mediatype", "image/svg+xml");
        // Every NfvNetwork in every namespace and the nodes are watched: the operator is cluster-wide by
        // nature, so it offers no install mode that would suggest it keeps to some namespaces.
        ArrayNode modes = spec.putArray("installModes");
        installMode(modes, "OwnNamespace", false);
        installMode(modes, "SingleNamespace", false);
        installMode(modes, "MultiNamespace", false);
        installMode(modes, "AllNamespaces", true);
        spec.putObject("customresourcedefinitions").set("owned", ownedCrds(src));
        spec.set("install", install(src));
        ArrayNode related = spec.putArray("relatedImages");
        for (RelatedImage image : src.images()) {
            related.addObject().put("name", image.name()).put("image", image.image());
        }
        return csv;
    }

    /** The samples as OLM shows them in its "create" forms; the Namespace a sample brings is left out. */
    static ArrayNode almExamples(InstallSources src) {
        ArrayNode out = F.arrayNode();
        for (JsonNode sample : src.samples()) {
            if (!"Namespace".equals(sample.path("kind").asText())) {
                out.add(sample);
            }
        }
        return out;
    }

    /** CRDs no user creates: those without a sample. */
    static ArrayNode internalObjects(InstallSources src) {
        ArrayNode out = F.arrayNode();
        for (InstallSources.Crd crd : src.crds()) {
            boolean sampled = src.samples().stream().anyMatch(s -> s.path("kind").asText().equals(crd.kind()));
            if (!sampled) {
                out.add(crd.name());
            }
        }
        return out;
    }

    private static ArrayNode ownedCrds(InstallSources src) {
        ArrayNode owned = F.arrayNode();
        Map<String, String> descriptions = Readme.kindDescriptions(src.readme());
        for (InstallSources.Crd crd : src.crds()) {
            JsonNode version = crd.storageVersion();
            ObjectNode o = owned.addObject();
            o.put("name", crd.name());
            o.put("version", version.path("name").asText());
            o.put("kind", crd.kind());
            o.put("displayName", displayName(crd.kind()));
            String description = descriptions.get(crd.kind());
            if (description == null) {
                throw new IllegalArgumentException("README.md's API table does not describe " + crd.kind());
            }
            o.put("description", description);
            JsonNode schema = version.path("schema").path("openAPIV3Schema").path("properties");
            o.set("specDescriptors", descriptors(schema.path("spec").path("properties")));
            o.set("statusDescriptors", descriptors(schema.path("status").path("properties")));
        }
        return owned;
    }

    /** One descriptor per top-level field, described as in the CRD schema; conditions as conditions. */
    private static ArrayNode descriptors(JsonNode properties) {
        ArrayNode out = F.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            ObjectNode d = out.addObject();
            d.put("path", field.getKey());
            d.put("displayName", words(field.getKey()));
            if (field.getValue().hasNonNull("description")) {
                d.put("description", field.getValue().path("description").asText());
            }
            if (field.getKey().equals("conditions")) {
                d.putArray("x-descriptors").add("urn:alm:descriptor:io.kubernetes.conditions");
            }
        }
        return out;
    }

    private static ObjectNode install(InstallSources src) {
        ObjectNode install = F.objectNode();
        install.put("strategy", "deployment");
        ObjectNode spec = install.putObject("spec");
        ArrayNode clusterPermissions = spec.putArray("clusterPermissions");
        ArrayNode permissions = spec.putArray("permissions");
        for (ServiceAccountRbac sa : src.rbac()) {
            if (!sa.clusterRules().isEmpty()) {
                permission(clusterPermissions, sa.serviceAccount(), sa.clusterRules());
            }
            if (!sa.namespacedRules().isEmpty()) {
                permission(permissions, sa.serviceAccount(), sa.namespacedRules());
            }
        }
        Deployment deployment = OperatorDeployment.render(src.namespace(), InstallSources.OPERATOR_SERVICE_ACCOUNT,
                src.images());
        ObjectNode d = spec.putArray("deployments").addObject();
        d.put("name", deployment.getMetadata().getName());
        d.set("label", Yaml.tree(deployment.getMetadata().getLabels()));
        d.set("spec", Yaml.tree(deployment.getSpec()));
        return install;
    }

    private static void permission(ArrayNode to, String serviceAccount, List<PolicyRule> rules) {
        ObjectNode p = to.addObject();
        p.put("serviceAccountName", serviceAccount);
        p.set("rules", Yaml.tree(rules));
    }

    private static void link(ArrayNode links, String name, String url) {
        links.addObject().put("name", name).put("url", url);
    }

    private static void installMode(ArrayNode modes, String type, boolean supported) {
        modes.addObject().put("type", type).put("supported", supported);
    }

    /** {@code NfvNodePolicy} → {@code NFV Node Policy}. */
    static String displayName(String kind) {
        return words(kind).replaceFirst("^Nfv\\b", "NFV");
    }

    /** {@code resourceName} → {@code Resource Name}; {@code ovsDpdk} → {@code Ovs Dpdk}. */
    static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
