package io.dataplane.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Golden files under src/test/resources/golden. Run with -Dgolden.update=true to rewrite them after an
 * intended change, then review the diff: the golden file is the specification of the output.
 */
public final class Golden {
    public static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static Stream<Path> inputs(String dir, String suffix) {
        try {
            return Files.list(ROOT.resolve(dir)).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertMatches(Path golden, String actual) {
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(golden, actual);
                return;
            }
            assertThat(golden).as("golden file %s is missing: run with -Dgolden.update=true once and review it", golden)
                    .exists();
            assertThat(actual).as("rendered output differs from %s", golden).isEqualTo(Files.readString(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
