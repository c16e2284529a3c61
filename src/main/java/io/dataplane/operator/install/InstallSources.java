package io.dataplane.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything the install artifacts are made of, read from the repository: nothing in the bundle or the
 * plain manifest is written by hand.
 *
 * @param version the release, from pom.xml without {@code -SNAPSHOT}
 * @param namespace the install namespace, the default of {@code dataplane.namespace}
 * @param images {@code dataplane.images.*} of application.properties
 * @param rbac the ServiceAccounts and their rules, from {@code deploy/rbac/}
 * @param crds the generated CRDs of {@code crds/}, as committed
 * @param samples every object of {@code samples/} in file and document order
 * @param readme README.md (CSV and CRD descriptions)
 * @param iconSvg {@code deploy/olm/icon.svg}
 */
record InstallSources(String version, String namespace, List<RelatedImage> images, List<ServiceAccountRbac> rbac,
        List<Crd> crds, List<JsonNode> samples, String readme, byte[] iconSvg) {

    static final String OPERATOR_SERVICE_ACCOUNT = "dataplane-operator";

    /** A committed CRD file: its text (copied as is) and its parsed content. */
    record Crd(String fileName, String text, JsonNode object) {
        String name() {
            return object.path("metadata").path("name").asText();
        }

        String kind() {
            return object.path("spec").path("names").path("kind").asText();
        }

        String group() {
            return object.path("spec").path("group").asText();
        }

        String plural() {
            return object.path("spec").path("names").path("plural").asText();
        }

        /** The served storage version (the CRDs have one). */
        JsonNode storageVersion() {
            for (JsonNode v : object.path("spec").path("versions")) {
                if (v.path("storage").asBoolean()) {
                    return v;
                }
            }
            throw new IllegalArgumentException(fileName + " has no storage version");
        }
    }

    static InstallSources read(Path repo) {
        String properties = text(repo.resolve("src/main/resources/application.properties"));
        List<Crd> crds = new ArrayList<>();
        for (Path f : files(repo.resolve("crds"), ".yml", ".yaml")) {
            String text = text(f);
            crds.add(new Crd(f.getFileName().toString(), text, Yaml.read(text)));
        }
        if (crds.isEmpty()) {
            throw new IllegalArgumentException("no CRDs in " + repo.resolve("crds"));
        }
        List<JsonNode> samples = new ArrayList<>();
        for (Path f : files(repo.resolve("samples"), ".yml", ".yaml")) {
            samples.addAll(Yaml.readAll(text(f)));
        }
        List<ServiceAccountRbac> rbac = ServiceAccountRbac.load(repo.resolve("deploy/rbac"));
        ServiceAccountRbac.find(rbac, OPERATOR_SERVICE_ACCOUNT);
        try {
            return new InstallSources(projectVersion(text(repo.resolve("pom.xml"))),
                    RelatedImage.propertyDefault(properties, "dataplane.namespace"), RelatedImage.parse(properties),
                    rbac, crds, samples, text(repo.resolve("README.md")),
                    Files.readAllBytes(repo.resolve("deploy/olm/icon.svg")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceAccountRbac operatorRbac() {
        return ServiceAccountRbac.find(rbac, OPERATOR_SERVICE_ACCOUNT);
    }

    RelatedImage image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no image " + name));
    }

    /** The project's own version: the first {@code <version>} after its artifactId, minus -SNAPSHOT. */
    static String projectVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>dataplane-operator</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        if (!m.find()) {
            throw new IllegalArgumentException("pom.xml: no <version> after <artifactId>dataplane-operator</artifactId>");
        }
        return m.group(1).replace("-SNAPSHOT", "");
    }

    private static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s))).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
