package io.dataplane.operator.agent.cluster;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.policy.NodeStates;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import org.jboss.logging.Logger;

/**
 * Registers the agent's node, as a kubelet registers its Node: when the node has no NfvNodeState, the
 * agent creates one without a spec, owned by the Node (garbage-collected with it). A state without a spec
 * asks for nothing — the agent only reports the host's inventory into it — so users see a node's NICs,
 * huge pages and CPUs before they write a policy, and the operator's first intent for the node is
 * complete (VF ranges resolve against that inventory) and, under an unbounded budget, carries its grant.
 * The operator writes the spec once a policy selects the node.
 */
@FunctionalInterface
public interface StateRegistrar {

    /** Creates the node's state; true when it did, false when one exists already or the Node does not. */
    boolean register(String node);

    static StateRegistrar forCluster(KubernetesClient client) {
        Logger log = Logger.getLogger(StateRegistrar.class);
        return node -> {
            GenericKubernetesResource n = KubernetesNodeControl.node(client, node);
            if (n == null) {
                log.warnf("no Node %s: its NfvNodeState is not registered", node);
                return false;
            }
            NfvNodeState state = new NfvNodeState();
            state.setMetadata(new ObjectMetaBuilder().withName(node)
                    .withOwnerReferences(NodeStates.nodeOwner(node, n.getMetadata().getUid())).build());
            try {
                client.resource(state).create();
                log.infof("registered NfvNodeState %s; it reports the host until a policy selects the node", node);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    return false; // the operator wrote it first (a policy selects the node)
                }
                throw e;
            }
        };
    }
}
