package io.dataplane.operator.host.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares an object's JSON with a golden file under src/test/resources/golden/. Run with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
public final class GoldenFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    public static void assertMatchesJson(Object actual, String name) {
        try {
            String json = MAPPER.writeValueAsString(actual) + "\n";
            Path file = DIR.resolve(name);
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, json);
                if (!Boolean.getBoolean("golden.update")) {
                    throw new AssertionError("golden file " + file + " did not exist; written now: review it and run again");
                }
            }
            JsonNode expected = MAPPER.readTree(Files.readString(file));
            assertThat(MAPPER.readTree(json)).as("JSON vs golden file %s (-Dgolden.update=true rewrites it)", file)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
