package io.dataplane.operator.controller.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.policy.NodeStates;
import io.dataplane.operator.policy.SpecJson;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes the operator's part of an NfvNodeState: its spec and the owner reference to the Node (so the
 * state goes when the node goes). With server-side apply (production) the operator owns exactly these
 * fields under one field manager and the agent's status is never touched; where SSA is unavailable (the
 * fabric8 mock server answers 415, so tests run with {@code quarkus.operator-sdk.enable-ssa=false}) it
 * creates, or JSON-patches {@code /spec} and the owner reference.
 */
@ApplicationScoped
public class NodeStateWriter {
    public static final String FIELD_MANAGER = "dataplane-operator";

    private final KubernetesClient client;
    private final boolean serverSideApply;

    public NodeStateWriter(KubernetesClient client,
            @ConfigProperty(name = "quarkus.operator-sdk.enable-ssa", defaultValue = "true") boolean serverSideApply) {
        this.client = client;
        this.serverSideApply = serverSideApply;
    }

    public boolean usesServerSideApply() {
        return serverSideApply;
    }

    /** The owner reference a node's state carries: GC deletes the state with the node, never blocks it. */
    public static OwnerReference ownerReference(Node node) {
        return NodeStates.nodeOwner(node.getMetadata().getName(), node.getMetadata().getUid());
    }

    public static boolean ownedBy(NfvNodeState state, Node node) {
        return state.getMetadata().getOwnerReferences() != null && state.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> "Node".equals(r.getKind()) && node.getMetadata().getUid() != null
                        && node.getMetadata().getUid().equals(r.getUid()));
    }

    /**
     * Makes the node's state carry {@code spec}; {@code current} is the cached state or null. The result
     * is handed to the informer's cache so the next reconcile sees it even before the watch event.
     */
    public NfvNodeState write(Node node, NfvNodeStateSpec spec, NfvNodeState current,
            InformerEventSource<NfvNodeState, Node> cache) {
        String name = node.getMetadata().getName();
        NfvNodeState result;
        if (serverSideApply) {
            NfvNodeState desired = new NfvNodeState();
            desired.setMetadata(new ObjectMetaBuilder().withName(name).withOwnerReferences(ownerReference(node)).build());
            desired.setSpec(spec);
            result = client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } else if (current == null) {
            NfvNodeState desired = new NfvNodeState();
            desired.setMetadata(new ObjectMetaBuilder().withName(name).withOwnerReferences(ownerReference(node)).build());
            desired.setSpec(spec);
            result = client.resource(desired).create();
        } else {
            result = client.resources(NfvNodeState.class).withName(name)
                    .patch(PatchContext.of(PatchType.JSON), jsonPatch(node, spec, current));
        }
        ResourceID id = new ResourceID(name);
        if (current == null) {
            cache.handleRecentResourceCreate(id, result);
        } else {
            cache.handleRecentResourceUpdate(id, result, current);
        }
        return result;
    }

    /** RFC 6902 ops replacing the spec and, if missing, adding the owner reference; status is untouched. */
    static String jsonPatch(Node node, NfvNodeStateSpec spec, NfvNodeState current) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode ops = f.arrayNode();
        ObjectNode replaceSpec = ops.addObject();
        replaceSpec.put("op", "add"); // "add" replaces an existing member and creates a missing one
        replaceSpec.put("path", "/spec");
        replaceSpec.set("value", SpecJson.tree(spec));
        if (!ownedBy(current, node)) {
            List<OwnerReference> refs = current.getMetadata().getOwnerReferences();
            ObjectNode addOwner = ops.addObject();
            addOwner.put("op", "add");
            if (refs == null || refs.isEmpty()) {
                addOwner.put("path", "/metadata/ownerReferences");
                addOwner.set("value", f.arrayNode().add(SpecJson.tree(ownerReference(node))));
            } else {
                addOwner.put("path", "/metadata/ownerReferences/-");
                addOwner.set("value", SpecJson.tree(ownerReference(node)));
            }
        }
        return ops.toString();
    }
}
