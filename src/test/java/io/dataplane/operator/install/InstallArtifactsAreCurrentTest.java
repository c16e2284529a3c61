package io.dataplane.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed plain manifest and OLM bundle are exactly what the generator renders from today's
 * sources. After changing a CRD, a rule in deploy/rbac/, an image, a sample or the README: run
 * {@code make generate} (or this test with {@code -Dbundle.update=true}) and commit the result.
 */
class InstallArtifactsAreCurrentTest {
    static final Path REPO = Path.of("").toAbsolutePath();

    @Test
    void committedInstallArtifactsAreCurrent() throws IOException {
        if (Boolean.getBoolean("bundle.update")) {
            System.out.println("[bundle] rewrote: " + InstallArtifacts.write(REPO));
        }
        SortedMap<String, String> rendered = InstallArtifacts.render(REPO);
        for (Map.Entry<String, String> f : rendered.entrySet()) {
            Path committed = REPO.resolve(f.getKey());
            assertThat(committed).as("%s is missing: run `make generate` and commit it", f.getKey()).exists();
            assertThat(Files.readString(committed)).as("%s is stale: run `make generate` and commit it", f.getKey())
                    .isEqualTo(f.getValue());
        }
        try (Stream<Path> files = Files.list(REPO.resolve(InstallArtifacts.MANIFESTS))) {
            assertThat(files.map(p -> InstallArtifacts.MANIFESTS + p.getFileName()))
                    .as("files in bundle/manifests/ that the generator no longer writes (run `make generate`)")
                    .allMatch(rendered::containsKey);
        }
    }
}
