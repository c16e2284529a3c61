package io.dataplane.operator.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.api.v1alpha1.KubeletInventory;
import io.dataplane.operator.host.HostFs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The kubelet's CPU and topology settings as its files give them: the main configuration, then each
 * {@code *.conf} of the drop-in directory in name order, later files overriding the fields they set
 * (the kubelet's own merge for these scalar fields). What the kubelet runs with differs only while
 * a restart is pending, which status.restartsRequired says.
 */
public final class KubeletConfigReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final HostFs fs;
    private final AgentPaths paths;

    public KubeletConfigReader(HostFs fs, AgentPaths paths) {
        this.fs = fs;
        this.paths = paths;
    }

    /** The settings, or null when the host has no kubelet configuration at all. */
    public KubeletInventory read() {
        List<String> texts = new ArrayList<>();
        fs.readIfExists(paths.kubeletConfig()).ifPresent(texts::add);
        for (String name : fs.list(paths.kubeletDropInDir())) {
            if (name.endsWith(".conf")) {
                fs.readIfExists(paths.kubeletDropInDir() + "/" + name).ifPresent(texts::add);
            }
        }
        if (texts.isEmpty()) {
            return null;
        }
        KubeletInventory k = new KubeletInventory();
        for (String text : texts) {
            parse(text).ifPresent(n -> overlay(k, n));
        }
        return k;
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode n = YAML.readTree(text);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the kubelet would refuse it too; report what the others say
        }
    }

    private static void overlay(KubeletInventory k, JsonNode n) {
        if (n.hasNonNull("cpuManagerPolicy")) {
            k.setCpuManagerPolicy(n.get("cpuManagerPolicy").asText());
        }
        if (n.hasNonNull("reservedSystemCPUs")) {
            k.setReservedSystemCPUs(n.get("reservedSystemCPUs").asText());
        }
        if (n.has("cpuManagerPolicyOptions")) {
            TreeSet<String> on = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("cpuManagerPolicyOptions").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().asText().equals("true")) {
                    on.add(e.getKey());
                }
            }
            k.setCpuManagerPolicyOptions(new ArrayList<>(on));
        }
        if (n.hasNonNull("topologyManagerPolicy")) {
            k.setTopologyManagerPolicy(n.get("topologyManagerPolicy").asText());
        }
        if (n.hasNonNull("topologyManagerScope")) {
            k.setTopologyManagerScope(n.get("topologyManagerScope").asText());
        }
    }
}
