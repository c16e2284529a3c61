package io.dataplane.operator.render.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.v1alpha1.NfvNetworkSpec;
import io.dataplane.operator.api.v1alpha1.SriovNetworkOptions;
import io.dataplane.operator.api.v1alpha1.VhostUserMode;
import io.dataplane.operator.api.v1alpha1.VhostUserOptions;
import java.util.List;
import java.util.Map;

/**
 * Renders an NfvNetwork into the CNI configuration the real plugins read (formats of sriov-cni,
 * userspace-cni and host-device). A pure function: same input, byte-identical output, so an
 * unchanged network never causes a write.
 */
public final class NetworkConfigRenderer {
    /** sriov-cni and host-device speak CNI 1.0.0. */
    static final String CNI_VERSION = "1.0.0";
    /** userspace-cni only understands up to 0.3.1. */
    static final String USERSPACE_CNI_VERSION = "0.3.1";
    private static final String OVS_DPDK = "ovs-dpdk";

    private final ObjectMapper mapper;

    public NetworkConfigRenderer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RenderedNetwork render(String name, NfvNetworkSpec spec, CniSettings settings)
            throws InvalidNetworkException {
        validateIpam(spec.getIpam());
        validateMetaPlugins(spec.getMetaPlugins());
        ObjectNode plugin = switch (spec.getType()) {
            case SRIOV -> sriov(spec.getSriov());
            case VHOSTUSER -> vhostUser(spec.getVhostUser(), settings);
            case HOSTDEVICE -> mapper.createObjectNode().put("type", "host-device");
        };
        if (spec.getCapabilities() != null && !spec.getCapabilities().isEmpty()) {
            ObjectNode caps = plugin.putObject("capabilities");
            spec.getCapabilities().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> caps.put(e.getKey(), e.getValue()));
        }
        if (spec.getIpam() != null) {
            plugin.set("ipam", spec.getIpam().deepCopy());
        }
        String cniVersion = plugin.path("type").asText().equals("userspace") ? USERSPACE_CNI_VERSION : CNI_VERSION;
        ObjectNode config = mapper.createObjectNode().put("cniVersion", cniVersion).put("name", name);
        if (spec.getMetaPlugins().isEmpty()) {
            config.setAll(plugin);
        } else {
            ArrayNode plugins = config.putArray("plugins");
            plugins.add(plugin);
            spec.getMetaPlugins().forEach(p -> plugins.add(p.deepCopy()));
        }
        String resource = spec.getResourceName() == null ? null : settings.qualifiedResource(spec.getResourceName());
        Map<String, String> annotations = resource == null ? Map.of()
                : Map.of(NetworkAttachmentDefinition.RESOURCE_NAME_ANNOTATION, resource);
        return new RenderedNetwork(config.toString(), annotations, resource);
    }

    private ObjectNode sriov(SriovNetworkOptions o) {
        ObjectNode n = mapper.createObjectNode().put("type", "sriov");
        if (o == null) {
            return n;
        }
        // Field names and the "on"/"off" strings are sriov-cni's (docs/configuration-reference.md).
        putIfSet(n, "vlan", o.getVlan());
        putIfSet(n, "vlanQoS", o.getVlanQoS());
        if (o.getVlanProto() != null) {
            n.put("vlanProto", o.getVlanProto().value());
        }
        if (o.getSpoofChk() != null) {
            n.put("spoofchk", o.getSpoofChk() ? "on" : "off");
        }
        if (o.getTrust() != null) {
            n.put("trust", o.getTrust() ? "on" : "off");
        }
        if (o.getLinkState() != null) {
            n.put("link_state", o.getLinkState().value());
        }
        putIfSet(n, "min_tx_rate", o.getMinTxRate());
        putIfSet(n, "max_tx_rate", o.getMaxTxRate());
        return n;
    }

    private ObjectNode vhostUser(VhostUserOptions o, CniSettings settings) {
        VhostUserMode hostMode = o.getMode() == null ? VhostUserMode.CLIENT : o.getMode();
        // The two ends of a vhost-user socket play opposite roles: OVS as client means the pod serves.
        VhostUserMode containerMode = hostMode == VhostUserMode.CLIENT ? VhostUserMode.SERVER : VhostUserMode.CLIENT;
        ObjectNode n = mapper.createObjectNode().put("type", "userspace")
                .put("kubeconfig", settings.multusKubeconfig());
        ObjectNode host = n.putObject("host").put("engine", OVS_DPDK).put("iftype", "vhostuser").put("netType", "bridge");
        host.putObject("vhost").put("mode", hostMode.value());
        host.putObject("bridge").put("bridgeName", o.getBridge());
        ObjectNode container = n.putObject("container").put("engine", OVS_DPDK).put("iftype", "vhostuser")
                .put("netType", "interface");
        container.putObject("vhost").put("mode", containerMode.value());
        return n;
    }

    private static void putIfSet(ObjectNode n, String field, Integer value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void validateIpam(JsonNode ipam) throws InvalidNetworkException {
        if (ipam == null) {
            return;
        }
        if (!ipam.isObject()) {
            throw new InvalidNetworkException("spec.ipam", "must be an object such as {\"type\": \"host-local\", ...}");
        }
        if (!ipam.path("type").isTextual() || ipam.path("type").asText().isBlank()) {
            throw new InvalidNetworkException("spec.ipam.type", "the IPAM plugin type is required (host-local, static, whereabouts, ...)");
        }
    }

    private static void validateMetaPlugins(List<JsonNode> plugins) throws InvalidNetworkException {
        for (int i = 0; i < plugins.size(); i++) {
            JsonNode p = plugins.get(i);
            String field = "spec.metaPlugins[" + i + "]";
            if (p == null || !p.isObject()) {
                throw new InvalidNetworkException(field, "must be a CNI plugin object");
            }
            if (!p.path("type").isTextual() || p.path("type").asText().isBlank()) {
                throw new InvalidNetworkException(field + ".type", "the plugin type is required (e.g. tuning, sbr)");
            }
            if (p.has("cniVersion") || p.has("name")) {
                throw new InvalidNetworkException(field, "cniVersion and name belong to the network, not to a chained plugin");
            }
        }
    }
}
