package io.dataplane.operator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.apply.RecordingHostCommands;
import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.host.HostFs;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.SimulatedKernelHostFs;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One simulated node and its agent, with the NfvNodeState kept here as the API server would keep it:
 * the spec generation moves when the spec changes, the status is what the agent returned last.
 */
final class AgentHarness {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String NODE = "node-a";

    final Path root;
    final Supplier<FakeHostBuilder> builder;
    final RecordingHostCommands commands = new RecordingHostCommands();
    final FakeNodeControl node = new FakeNodeControl();
    final AgentPaths paths = AgentPaths.defaults();
    OvsConnector ovs = OvsConnector.none("no OVSDB in this test");
    UnaryOperator<HostFs> wrap = UnaryOperator.identity();
    /** Capability labels whose changes ride in the cordon and uncordon (none unless a test sets it). */
    CapabilityPublisher labels;
    SimulatedKernelHostFs host;
    NodeAgent agent;
    final NfvNodeState state = new NfvNodeState();

    AgentHarness(Path root, Supplier<FakeHostBuilder> builder) {
        this.root = root;
        this.builder = builder;
        this.host = builder.get().build(root);
        bootId();
        host.writeFile(paths.kubeletConfig(), "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
                + "cpuManagerPolicy: none\n");
        state.setMetadata(new ObjectMetaBuilder().withName(NODE).withGeneration(1L).withResourceVersion("1").build());
        state.setSpec(new NfvNodeStateSpec());
        restartAgent();
    }

    /** A new agent process on the same host (what a crash and restart of the pod gives). */
    AgentHarness restartAgent() {
        agent = new NodeAgent(NODE, wrap.apply(host), paths, commands, ovs, node, labels);
        return this;
    }

    /** Reboot: sysfs, /dev and /proc are rebuilt from scratch (new boot id), /etc and /var stay; the agent starts again. */
    AgentHarness reboot() {
        SimulatedFleet.wipeVolatile(root);
        host = builder.get().build(root);
        bootId();
        return restartAgent();
    }

    AgentHarness spec(String yaml) {
        try {
            NfvNodeStateSpec spec = YAML.readValue(yaml, NfvNodeStateSpec.class);
            spec.setDisruptionAllowed(state.getSpec().getDisruptionAllowed());
            state.setSpec(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bumpGeneration();
        return this;
    }

    /** The operator's grant (spec.disruptionAllowed), a spec change like any other. */
    AgentHarness grant(boolean granted) {
        state.getSpec().setDisruptionAllowed(granted ? Boolean.TRUE : null);
        bumpGeneration();
        return this;
    }

    /** Reconciles as the loop does: again at once after a reconcile that cordoned and said so. */
    NfvNodeStateStatus reconcile() {
        NfvNodeStateStatus s = reconcileOnce();
        for (int i = 0; i < 3 && NodeStatusBuilder.isDraining(s); i++) {
            s = reconcileOnce();
        }
        return s;
    }

    NfvNodeStateStatus reconcileOnce() {
        NfvNodeStateStatus s = agent.reconcile(state);
        state.setStatus(s);
        return s;
    }

    NfvNodeStateStatus status() {
        return state.getStatus();
    }

    long generation() {
        return state.getMetadata().getGeneration();
    }

    Condition condition(String type) {
        return Conditions.find(status().getConditions(), type).orElseThrow(() -> new AssertionError("no condition " + type
                + " in " + status().getConditions()));
    }

    String read(String path) {
        return host.read(path);
    }

    String pf(String bdf, String attr) {
        return host.read("/sys/bus/pci/devices/" + bdf + "/" + attr);
    }

    String driverOf(String bdf) {
        return host.linkName("/sys/bus/pci/devices/" + bdf + "/driver").orElse(null);
    }

    String vf(String pf, int index) {
        return host.linkName("/sys/bus/pci/devices/" + pf + "/virtfn" + index).orElseThrow();
    }

    private void bumpGeneration() {
        state.getMetadata().setGeneration(state.getMetadata().getGeneration() + 1);
    }

    private void bootId() {
        try {
            Path p = root.resolve(AgentPaths.BOOT_ID.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, UUID.randomUUID() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
