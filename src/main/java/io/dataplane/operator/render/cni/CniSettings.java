package io.dataplane.operator.render.cni;

/**
 * Cluster settings a rendered network depends on.
 *
 * @param resourcePrefix device plugin resource prefix, e.g. intel.com
 * @param cniConfDir host CNI configuration directory; the userspace plugin finds Multus' kubeconfig below it
 */
public record CniSettings(String resourcePrefix, String cniConfDir) {
    public static final String DEFAULT_CNI_CONF_DIR = "/etc/cni/net.d";

    public String multusKubeconfig() {
        return cniConfDir + "/multus.d/multus.kubeconfig";
    }

    public String qualifiedResource(String resourceName) {
        return resourcePrefix + "/" + resourceName;
    }
}
