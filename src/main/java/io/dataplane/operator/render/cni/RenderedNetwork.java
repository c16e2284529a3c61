package io.dataplane.operator.render.cni;

import java.util.Map;

/**
 * The NetworkAttachmentDefinition content for one NfvNetwork.
 *
 * @param config the CNI config or conflist, compact JSON
 * @param annotations annotations the NAD must carry (the resourceName annotation for device-backed types)
 * @param resourceName the qualified device plugin resource, or null for vhost-user
 */
public record RenderedNetwork(String config, Map<String, String> annotations, String resourceName) {
}
