package io.dataplane.operator.agent.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Which pods a drain evicts, as {@code kubectl drain --ignore-daemonsets --force} decides it. */
public final class KubernetesNodeControlFilters {

    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private KubernetesNodeControlFilters() {
    }

    /**
     * True for a pod the drain must evict: not a DaemonSet's (it would come straight back, and the
     * agent is one), not a mirror pod (the kubelet owns static pods), not finished. Bare pods are
     * evicted too: they are lost, as with {@code --force}, which a disruptive change needs.
     */
    public static boolean evicted(Pod p) {
        return !daemonSetPod(p) && !mirrorPod(p) && !finished(p);
    }

    static boolean daemonSetPod(Pod p) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> "DaemonSet".equals(r.getKind()) && Boolean.TRUE.equals(r.getController()));
    }

    static boolean mirrorPod(Pod p) {
        return p.getMetadata().getAnnotations() != null && p.getMetadata().getAnnotations().containsKey(MIRROR_ANNOTATION);
    }

    static boolean finished(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
