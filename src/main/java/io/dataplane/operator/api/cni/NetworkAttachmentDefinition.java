package io.dataplane.operator.api.cni;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Multus' NetworkAttachmentDefinition (k8s.cni.cncf.io/v1). Not ours: its CRD comes with Multus. */
@Group(NetworkAttachmentDefinition.GROUP)
@Version("v1")
@Kind("NetworkAttachmentDefinition")
@Plural(NetworkAttachmentDefinition.PLURAL)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkAttachmentDefinition extends CustomResource<NetworkAttachmentDefinitionSpec, Void>
        implements Namespaced {
    public static final String GROUP = "k8s.cni.cncf.io";
    public static final String PLURAL = "network-attachment-definitions";
    public static final String CRD_NAME = PLURAL + "." + GROUP;
    /** Ties the network to a device plugin resource; Multus injects the allocated deviceID. */
    public static final String RESOURCE_NAME_ANNOTATION = "k8s.v1.cni.cncf.io/resourceName";
    /** Pods list the networks they attach to in this annotation. */
    public static final String NETWORKS_ANNOTATION = "k8s.v1.cni.cncf.io/networks";

    @Override
    protected NetworkAttachmentDefinitionSpec initSpec() {
        return new NetworkAttachmentDefinitionSpec();
    }
}
