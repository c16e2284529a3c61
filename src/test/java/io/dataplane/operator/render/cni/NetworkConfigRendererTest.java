package io.dataplane.operator.render.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.NetworkType;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNetworkSpec;
import io.dataplane.operator.testsupport.Golden;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkConfigRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final NetworkConfigRenderer renderer = new NetworkConfigRenderer(MAPPER);
    private static final CniSettings DEFAULTS = new CniSettings("dataplane.io", CniSettings.DEFAULT_CNI_CONF_DIR);

    static Stream<Path> cases() {
        return Golden.inputs("networks", ".input.yaml");
    }

    /** Each input network renders exactly to its golden file (config parsed for readability, plus annotations). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersGolden(Path input) throws Exception {
        NfvNetwork network = Serialization.unmarshal(Files.readString(input), NfvNetwork.class);
        String prefix = network.getMetadata().getAnnotations() == null ? "dataplane.io"
                : network.getMetadata().getAnnotations().getOrDefault("test.prefix", "dataplane.io");
        RenderedNetwork rendered = renderer.render(network.getMetadata().getName(), network.getSpec(),
                new CniSettings(prefix, CniSettings.DEFAULT_CNI_CONF_DIR));

        ObjectNode view = MAPPER.createObjectNode();
        view.set("annotations", MAPPER.valueToTree(new TreeMap<>(rendered.annotations())));
        view.set("config", MAPPER.readTree(rendered.config()));
        String actual = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view) + "\n";
        Path golden = Path.of(input.toString().replace(".input.yaml", ".golden.json"));
        Golden.assertMatches(golden, actual);
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        NfvNetworkSpec spec = networkFrom("sriov-all-options").getSpec();
        assertThat(renderer.render("x", spec, DEFAULTS).config()).isEqualTo(renderer.render("x", spec, DEFAULTS).config());
    }

    @Test
    void metaPluginsMakeAConflistWithTheMainPluginFirst() throws Exception {
        RenderedNetwork r = renderer.render("tuned", networkFrom("sriov-meta-plugins").getSpec(), DEFAULTS);
        var config = MAPPER.readTree(r.config());
        assertThat(config.has("type")).isFalse();
        assertThat(config.path("plugins").get(0).path("type").asText()).isEqualTo("sriov");
        assertThat(config.path("plugins").get(0).has("ipam")).isTrue();
        assertThat(config.path("plugins").get(1).path("type").asText()).isEqualTo("tuning");
    }

    @Test
    void vhostUserHasNoDeviceResource() throws Exception {
        RenderedNetwork r = renderer.render("ew", networkFrom("vhostuser-client").getSpec(), DEFAULTS);
        assertThat(r.annotations()).isEmpty();
        assertThat(r.resourceName()).isNull();
        assertThat(MAPPER.readTree(r.config()).path("cniVersion").asText()).isEqualTo("0.3.1");
    }

    @Test
    void metaPluginWithoutTypeIsRejectedWithItsIndex() {
        NfvNetworkSpec spec = sriovSpec();
        spec.setMetaPlugins(List.of(MAPPER.valueToTree(Map.of("type", "tuning")), MAPPER.valueToTree(Map.of("mtu", 9000))));
        assertThatThrownBy(() -> renderer.render("n", spec, DEFAULTS))
                .isInstanceOf(InvalidNetworkException.class)
                .hasMessageContaining("spec.metaPlugins[1].type");
    }

    @Test
    void metaPluginMayNotCarryTheNetworksNameOrVersion() {
        NfvNetworkSpec spec = sriovSpec();
        spec.setMetaPlugins(List.of(MAPPER.valueToTree(Map.of("type", "tuning", "cniVersion", "0.4.0"))));
        assertThatThrownBy(() -> renderer.render("n", spec, DEFAULTS))
                .isInstanceOf(InvalidNetworkException.class)
                .hasMessageContaining("spec.metaPlugins[0]");
    }

    @Test
    void ipamWithoutTypeIsRejected() {
        NfvNetworkSpec spec = sriovSpec();
        spec.setIpam(MAPPER.valueToTree(Map.of("subnet", "10.0.0.0/24")));
        assertThatThrownBy(() -> renderer.render("n", spec, DEFAULTS))
                .isInstanceOf(InvalidNetworkException.class)
                .extracting(e -> ((InvalidNetworkException) e).field()).isEqualTo("spec.ipam.type");
    }

    @Test
    void multusKubeconfigFollowsTheCniConfDir() throws Exception {
        RenderedNetwork r = renderer.render("ew", networkFrom("vhostuser-client").getSpec(),
                new CniSettings("dataplane.io", "/var/run/multus/cni/net.d"));
        assertThat(MAPPER.readTree(r.config()).path("kubeconfig").asText())
                .isEqualTo("/var/run/multus/cni/net.d/multus.d/multus.kubeconfig");
    }

    private static NfvNetworkSpec sriovSpec() {
        NfvNetworkSpec spec = new NfvNetworkSpec();
        spec.setType(NetworkType.SRIOV);
        spec.setResourceName("pool");
        return spec;
    }

    private static NfvNetwork networkFrom(String name) throws Exception {
        return Serialization.unmarshal(Files.readString(Golden.ROOT.resolve("networks/" + name + ".input.yaml")),
                NfvNetwork.class);
    }
}
