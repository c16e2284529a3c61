package io.dataplane.operator.agent;

import io.dataplane.operator.agent.apply.AgentPaths;
import io.dataplane.operator.agent.apply.HostCommands;
import io.dataplane.operator.agent.apply.OvsConnector;
import io.dataplane.operator.agent.cluster.CapabilityPublisher;
import io.dataplane.operator.agent.cluster.DrainSettingsSource;
import io.dataplane.operator.agent.cluster.KubernetesNodeControl;
import io.dataplane.operator.agent.cluster.StateRegistrar;
import io.dataplane.operator.agent.cluster.StatusWriter;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.host.HostFs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * The agent of a real node: one informer on its own NfvNodeState, one on the drain settings
 * (NfvOperatorConfig {@code default}), one thread that runs the reconciles and the timers. Plain
 * Java, no Quarkus: {@link AgentMain} starts it.
 */
public final class NodeAgentService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeAgentService.class);

    /**
     * @param namespace where an NFD NodeFeature goes
     * @param serverSideApply status by server-side apply (else a JSON patch, for the mock server)
     * @param registerState create the node's state when it has none ({@link StateRegistrar})
     */
    public record Config(String node, HostFs fs, AgentPaths paths, HostCommands commands, OvsConnector ovs,
            boolean serverSideApply, boolean publishCapabilities, boolean registerState, String namespace, Duration resync) {
    }

    private final ScheduledExecutorService thread;
    private final AgentLoop loop;
    private final SharedIndexInformer<NfvNodeState> informer;
    private final DrainSettingsSource drainSettings;

    private NodeAgentService(ScheduledExecutorService thread, AgentLoop loop, SharedIndexInformer<NfvNodeState> informer,
            DrainSettingsSource drainSettings) {
        this.thread = thread;
        this.loop = loop;
        this.informer = informer;
        this.drainSettings = drainSettings;
    }

    public static NodeAgentService start(KubernetesClient client, Config cfg) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-" + cfg.node());
            t.setDaemon(true);
            return t;
        });
        DrainSettingsSource drainSettings = DrainSettingsSource.watch(client);
        CapabilityPublisher publisher = cfg.publishCapabilities() ? CapabilityPublisher.forCluster(client, cfg.node(), cfg.namespace()) : null;
        NodeAgent agent = new NodeAgent(cfg.node(), cfg.fs(), cfg.paths(), cfg.commands(), cfg.ovs(),
                new KubernetesNodeControl(client, cfg.node(), drainSettings), publisher);
        StatusWriter writer = cfg.serverSideApply() ? StatusWriter.serverSideApply(client) : StatusWriter.jsonPatch(client);
        AgentLoop loop = new AgentLoop(agent, writer, publisher,
                cfg.registerState() ? StateRegistrar.forCluster(client) : null, thread, thread, cfg.resync());
        SharedIndexInformer<NfvNodeState> informer = StateEvents.single(client, loop);
        LOG.infof("agent for node %s started", cfg.node());
        return new NodeAgentService(thread, loop, informer, drainSettings);
    }

    public AgentLoop loop() {
        return loop;
    }

    public boolean ready() {
        return loop.ready();
    }

    @Override
    public void close() {
        informer.close();
        drainSettings.close();
        loop.close();
        thread.shutdownNow();
    }
}
