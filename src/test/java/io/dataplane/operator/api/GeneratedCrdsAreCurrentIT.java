package io.dataplane.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs committed in crds/ are exactly what this build generated (run `make generate` after an API change). */
class GeneratedCrdsAreCurrentIT {

    @Test
    void committedCrdsMatchTheBuild() throws IOException {
        Path generated = Path.of(System.getProperty("build.dir", "target"), "kubernetes");
        List<Path> built;
        try (Stream<Path> files = Files.list(generated)) {
            built = files.filter(f -> f.getFileName().toString().matches("nfv.*-v1\\.yml")).sorted().toList();
        }
        assertThat(built).as("CRDs generated in %s", generated).hasSize(4);
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .as("files in crds/ (run `make generate`)")
                    .containsExactlyElementsOf(built.stream().map(f -> f.getFileName().toString()).toList());
        }
        for (Path b : built) {
            assertThat(Files.readString(Path.of("crds").resolve(b.getFileName())))
                    .as("crds/%s differs from the generated CRD: run `make generate` and commit", b.getFileName())
                    .isEqualTo(Files.readString(b));
        }
    }
}
