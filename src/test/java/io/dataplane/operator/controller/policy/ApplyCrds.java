package io.dataplane.operator.controller.policy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Puts the project's CRDs (crds/*.yml) into the mock server before the operator starts: JOSDK checks
 * that the CRDs of its primaries exist, and the mock server serves a status subresource only for a CRD
 * that declares it.
 */
public class ApplyCrds implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        into(server.getClient());
    }

    /** The same for a mock server a plain JUnit test started ({@code @EnableKubernetesMockClient}). */
    public static void into(KubernetesClient client) {
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
