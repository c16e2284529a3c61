package io.dataplane.operator.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.render.components.Component;
import io.dataplane.operator.render.components.ComponentRenderer;
import io.dataplane.operator.render.components.ComponentsConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DesiredStateTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<Arguments> containment() {
        return Stream.of(
                Arguments.of("identical", "{\"a\":1,\"b\":{\"c\":\"x\"}}", "{\"a\":1,\"b\":{\"c\":\"x\"}}", true),
                Arguments.of("fields others or the server added", "{\"a\":1,\"z\":2,\"b\":{\"c\":\"x\",\"d\":0}}", "{\"a\":1,\"b\":{\"c\":\"x\"}}", true),
                Arguments.of("false left out by omitempty", "{}", "{\"hostNetwork\":false}", true),
                Arguments.of("true missing", "{}", "{\"hostNetwork\":true}", false),
                Arguments.of("zero left out", "{}", "{\"minReadySeconds\":0}", true),
                Arguments.of("non-zero missing", "{}", "{\"minReadySeconds\":5}", false),
                Arguments.of("empty string left out", "{}", "{\"a\":\"\"}", true),
                Arguments.of("empty object left out", "{}", "{\"securityContext\":{}}", true),
                Arguments.of("empty list left out", "{}", "{\"a\":[]}", true),
                Arguments.of("changed value", "{\"image\":\"a:2\"}", "{\"image\":\"a:1\"}", false),
                Arguments.of("list shorter", "{\"l\":[1]}", "{\"l\":[1,2]}", false),
                Arguments.of("list longer (an element the operator removed)", "{\"l\":[1,2,3]}", "{\"l\":[1,2]}", false),
                Arguments.of("list elements with server defaults", "{\"l\":[{\"n\":\"a\",\"p\":\"TCP\"}]}", "{\"l\":[{\"n\":\"a\"}]}", true),
                Arguments.of("list order matters", "{\"l\":[\"b\",\"a\"]}", "{\"l\":[\"a\",\"b\"]}", false),
                Arguments.of("1 equals 1.0", "{\"n\":1.0}", "{\"n\":1}", true),
                Arguments.of("string is not number", "{\"n\":\"1\"}", "{\"n\":1}", false),
                Arguments.of("nested change", "{\"a\":{\"b\":{\"c\":true}}}", "{\"a\":{\"b\":{\"c\":false}}}", false),
                Arguments.of("null desired is no opinion", "{\"a\":1}", "{\"a\":null}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containment")
    void containment(String what, String actual, String desired, boolean contained) throws Exception {
        assertThat(DesiredState.contains(JSON.readTree(actual), JSON.readTree(desired))).isEqualTo(contained);
    }

    @Test
    void matchesNeedsTheSameHashAndTheDesiredFields() {
        ConfigMap desired = DesiredState.withHash(configMap(Map.of("a", "1")));

        ConfigMap same = copy(desired);
        same.getMetadata().setResourceVersion("42");
        same.getMetadata().getLabels().put("added-by", "someone-else");
        assertThat(DesiredState.matches(same, desired)).isTrue();

        ConfigMap handEdited = copy(desired);
        handEdited.getData().put("a", "2");
        assertThat(DesiredState.matches(handEdited, desired)).isFalse();
        assertThat(DesiredState.differences(handEdited, desired)).containsExactly("/data/a");

        ConfigMap noHash = copy(desired);
        noHash.getMetadata().getAnnotations().remove(DesiredState.HASH_ANNOTATION);
        assertThat(DesiredState.matches(noHash, desired)).isFalse();

        // A key the operator stopped writing is still in the cached object: only the hash tells.
        ConfigMap previous = DesiredState.withHash(configMap(Map.of("a", "1", "old", "x")));
        assertThat(DesiredState.matches(previous, desired)).isFalse();
    }

    @Test
    void theHashIgnoresMapOrderAndFollowsContent() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(DesiredState.hash(configMap(ab))).isEqualTo(DesiredState.hash(configMap(ba)));
        assertThat(DesiredState.hash(configMap(Map.of("a", "1")))).isNotEqualTo(DesiredState.hash(configMap(Map.of("a", "2"))));
    }

    /**
     * Every rendered object, stored the way the API server stores it (zero values dropped, defaults and
     * metadata added, status written), still matches: the operator does not loop on its own writes.
     */
    @ParameterizedTest
    @EnumSource(Component.class)
    void renderedObjectsMatchWhatTheServerStores(Component component) {
        Map<Component, String> images = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            images.put(c, "registry.test/" + c.id() + ":1");
        }
        ComponentsConfig config = ComponentsConfig.resolve(null, "dataplane-operator", "dataplane.io", images);
        for (HasMetadata desired : ComponentRenderer.render(component, config).objects()) {
            DesiredState.withHash(desired);
            ObjectNode stored = (ObjectNode) SERIALIZATION.convertValue(desired, JsonNode.class);
            dropZeroValues(stored);
            ObjectNode meta = (ObjectNode) stored.get("metadata");
            meta.put("uid", "0b6f7c1e").put("resourceVersion", "1234").put("generation", 1)
                    .put("creationTimestamp", "2026-11-29T10:00:00Z");
            meta.putArray("managedFields").addObject().put("manager", "dataplane-operator").put("operation", "Apply");
            ObjectNode annotations = meta.putObject("annotations");
            annotations.setAll((ObjectNode) SERIALIZATION.convertValue(desired.getMetadata().getAnnotations(), JsonNode.class));
            annotations.put("deprecated.daemonset.template.generation", "1");
            stored.putObject("status").put("desiredNumberScheduled", 3);
            HasMetadata actual = SERIALIZATION.convertValue(stored, desired.getClass());

            assertThat(DesiredState.differences(actual, desired)).as("%s %s", desired.getKind(), desired.getMetadata().getName())
                    .isEmpty();
            assertThat(DesiredState.matches(actual, desired)).isTrue();
        }
    }

    /** What Go's omitempty does to a stored object. */
    private static void dropZeroValues(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if ((v.isBoolean() && !v.booleanValue()) || (v.isNumber() && v.intValue() == 0)
                        || (v.isTextual() && v.textValue().isEmpty())) {
                    it.remove();
                } else {
                    dropZeroValues(v);
                }
            }
        } else if (node.isArray()) {
            node.forEach(DesiredStateTest::dropZeroValues);
        }
    }

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ns")
                .addToLabels("app.kubernetes.io/managed-by", "dataplane-operator").endMetadata()
                .withData(new LinkedHashMap<>(data)).build();
    }

    private static ConfigMap copy(ConfigMap c) {
        return SERIALIZATION.clone(c);
    }
}
