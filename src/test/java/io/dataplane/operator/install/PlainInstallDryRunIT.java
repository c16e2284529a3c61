package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.WithControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plain install manifest is accepted by a real API server: {@code kubectl apply --server-side
 * --dry-run=server -f deploy/dataplane-operator.yaml} runs admission and validation of every object
 * (schemas, CRD structural rules, RBAC escalation checks) without persisting anything.
 */
@WithControlPlane
class PlainInstallDryRunIT {

    @Test
    void serverAcceptsEveryObjectOfThePlainManifest(ControlPlane cp) throws IOException, InterruptedException {
        Path manifest = Path.of(InstallArtifacts.PLAIN_MANIFEST);
        List<JsonNode> docs = Yaml.readAll(Files.readString(manifest));
        // A dry-run create of a namespace persists nothing, so the namespaced objects after it would be refused
        // for a missing namespace: the namespace (the manifest's first object) is created for real first.
        JsonNode namespace = docs.get(0);
        assertThat(namespace.path("kind").asText()).isEqualTo("Namespace");
        String ns = namespace.path("metadata").path("name").asText();
        if (cp.client().namespaces().withName(ns).get() == null) {
            cp.client().namespaces().resource(Yaml.convert(namespace, io.fabric8.kubernetes.api.model.Namespace.class))
                    .create();
        }

        String out = kubectl(cp, "apply", "--server-side", "--dry-run=server", "--field-manager=dataplane-install",
                "--force-conflicts", "-f", manifest.toString());
        System.out.println("[dry-run]\n" + out);

        List<String> accepted = out.lines().filter(l -> l.endsWith(" serverside-applied (server dry run)")).toList();
        assertThat(accepted).as("objects the server accepted (dry run)").hasSameSizeAs(docs);
        for (JsonNode d : docs) {
            // kubectl names an object kind[.group]/name, e.g. customresourcedefinition.apiextensions.k8s.io/x
            Pattern line = Pattern.compile("^" + d.path("kind").asText().toLowerCase() + "(\\.[a-z0-9.-]+)?/"
                    + Pattern.quote(d.path("metadata").path("name").asText()) + " serverside-applied");
            assertThat(accepted).as("accepted: %s %s", d.path("kind").asText(), d.path("metadata").path("name").asText())
                    .anyMatch(l -> line.matcher(l).find());
        }
    }

    private static String kubectl(ControlPlane cp, String... args) throws IOException, InterruptedException {
        Path kubectl = toolsDir().resolve("bin/kubectl");
        List<String> cmd = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", cp.kubeconfig().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s\n%s", String.join(" ", cmd), out).isZero();
        return out;
    }

    private static Path toolsDir() {
        String env = System.getenv("DATAPLANE_TOOLS_DIR");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "dataplane-operator", "tools");
    }
}
