package io.dataplane.operator.agent.cluster;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes an NfvNodeState's whole status. Server-side apply under the field manager
 * {@value #FIELD_MANAGER} on a real API server (the operator applies the spec under its own
 * manager, so neither touches the other's fields); a JSON patch replacing /status where SSA is not
 * served (the fabric8 mock server answers 415). A JSON merge patch would not do: it keeps fields
 * the new status no longer has.
 *
 * <p>Both go to a stub of the object ({@code resource(stub)}), so fabric8 sends the patch without
 * GETting the object first (it does for a {@code withName(..).patch(ctx, String)}).
 */
public interface StatusWriter {

    String FIELD_MANAGER = "dataplane-agent";

    /** Writes the status and returns the object as the server has it afterwards. */
    NfvNodeState write(String name, NfvNodeStateStatus status);

    static StatusWriter serverSideApply(KubernetesClient client) {
        return (name, status) -> {
            NfvNodeState patch = stub(name);
            patch.setStatus(status);
            PatchContext ctx = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(FIELD_MANAGER).withForce(true).build();
            return client.resources(NfvNodeState.class).resource(patch).subresource("status").patch(ctx);
        };
    }

    static StatusWriter jsonPatch(KubernetesClient client) {
        return (name, status) -> {
            String value = client.getKubernetesSerialization().asJson(status);
            String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + value + "}]";
            return client.resources(NfvNodeState.class).resource(stub(name)).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), patch);
        };
    }

    private static NfvNodeState stub(String name) {
        NfvNodeState s = new NfvNodeState();
        s.setMetadata(new ObjectMetaBuilder().withName(name).build());
        return s;
    }
}
