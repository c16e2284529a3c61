package io.dataplane.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPartsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachPartIsItsMemberAndTheRestIsWhatRemains() throws Exception {
        JsonNode a = JSON.readTree("{\"spec\":{\"x\":1},\"status\":{\"inventory\":{\"nics\":[1,2,3]},\"message\":\"ok\"}}");
        Map<String, Long> parts = JsonParts.meanBytes(List.of(a), List.of("spec", "status.inventory", "status.owned"));
        // "spec":{"x":1} is 14 bytes and a comma; "inventory":{"nics":[1,2,3]} 28 and a comma.
        assertThat(parts).containsEntry("spec", 15L).containsEntry("status.inventory", 29L).containsEntry("status.owned", 0L);
        assertThat(parts.get("(rest)")).isEqualTo("{\"status\":{\"message\":\"ok\"}}".length());
        assertThat(parts.values().stream().mapToLong(Long::longValue).sum()).as("the parts add up to the whole")
                .isEqualTo(a.toString().length());
    }

    @Test
    void aParentListedAfterItsChildIsCountedWithoutIt() throws Exception {
        JsonNode a = JSON.readTree("{\"status\":{\"inventory\":{\"nics\":[1,2,3],\"cpus\":\"0-3\"}}}");
        Map<String, Long> parts = JsonParts.meanBytes(List.of(a), List.of("status.inventory.nics", "status.inventory"));
        assertThat(parts).containsEntry("status.inventory.nics", 15L) // "nics":[1,2,3] and a comma
                .containsEntry("status.inventory", 27L); // "inventory":{"cpus":"0-3"} and a comma
        // A last member has no comma, and an emptied parent keeps its braces: a byte or two per part.
        assertThat(parts.values().stream().mapToLong(Long::longValue).sum()).isBetween(a.toString().length() - 2L,
                a.toString().length() + 2L);
    }

    @Test
    void theMeanIsOverAllObjects() throws Exception {
        List<JsonNode> objects = List.of(JSON.readTree("{\"spec\":{}}"), JSON.readTree("{\"spec\":{\"abc\":\"0123456789\"}}"));
        Map<String, Long> parts = JsonParts.meanBytes(objects, List.of("spec"));
        // "spec":{} and a comma: 10 bytes; "spec":{"abc":"0123456789"} and a comma: 28.
        assertThat(parts.get("spec")).isEqualTo((10 + 28) / 2);
    }
}
