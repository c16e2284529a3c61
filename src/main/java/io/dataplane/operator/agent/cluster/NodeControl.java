package io.dataplane.operator.agent.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the agent does to its Node object around a disruptive change: cordon, drain, uncordon.
 * Production talks to the API server ({@link KubernetesNodeControl}); tests script the answers.
 */
public interface NodeControl {

    /** How to drain, from NfvOperatorConfig {@code default} spec.drain (defaults when absent). */
    record DrainSettings(boolean enabled, Duration timeout, boolean deleteEmptyDirData) {
        public static final DrainSettings DEFAULT = new DrainSettings(true, Duration.ofSeconds(600), true);
    }

    /** Whether the drain finished; when not, what is still on the node and why. */
    record DrainResult(boolean complete, String message) {
    }

    /** The Node as just read: unschedulable (cordoned by someone), and its labels (null: no Node). */
    record NodeView(boolean unschedulable, Map<String, String> labels) {
    }

    /** A fresh read of the Node, not a cache: whether someone else cordoned it decides who uncordons. */
    NodeView read();

    /**
     * Cordons. {@code labels} (key to value, a null value removes the label; may be empty) go in the
     * same patch: capability labels that changed cost no write of their own.
     */
    void cordon(Map<String, String> labels);

    /** Uncordons, with {@code labels} in the same patch as for {@link #cordon}. */
    void uncordon(Map<String, String> labels);

    DrainSettings drainSettings();

    /** The pods a drain would evict now ({@code namespace/name}; not DaemonSet, mirror or finished pods). */
    List<String> podsToEvict();

    /** Evicts the node's pods (not DaemonSet or mirror pods) and waits until they are gone or the timeout passes. */
    DrainResult drain(DrainSettings settings);
}
