package io.dataplane.operator.agent.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/**
 * Which pods a drain evicts, as {@code kubectl drain --ignore-daemonsets --force} decides it. Pods are
 * read as generic objects: the typed Pod model cost the agent 425 classes and 6 MiB of heap in use
 * (measured with scripts/bench-agent.sh, docs/benchmarks.md).
 */
public final class KubernetesNodeControlFilters {

    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private KubernetesNodeControlFilters() {
    }

    /**
     * True for a pod the drain must evict: not a DaemonSet's (it would come straight back, and the
     * agent is one), not a mirror pod (the kubelet owns static pods), not finished. Bare pods are
     * evicted too: they are lost, as with {@code --force}, which a disruptive change needs.
     */
    public static boolean evicted(GenericKubernetesResource p) {
        return !daemonSetPod(p) && !mirrorPod(p) && !finished(p);
    }

    static boolean daemonSetPod(GenericKubernetesResource p) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> "DaemonSet".equals(r.getKind()) && Boolean.TRUE.equals(r.getController()));
    }

    static boolean mirrorPod(GenericKubernetesResource p) {
        return p.getMetadata().getAnnotations() != null && p.getMetadata().getAnnotations().containsKey(MIRROR_ANNOTATION);
    }

    static boolean finished(GenericKubernetesResource p) {
        Object phase = p.get("status", "phase");
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** True for a pod with an emptyDir volume: its data goes with the eviction. */
    public static boolean hasEmptyDir(GenericKubernetesResource p) {
        return p.get("spec", "volumes") instanceof List<?> vols
                && vols.stream().anyMatch(v -> v instanceof Map<?, ?> m && m.get("emptyDir") != null);
    }
}
