package io.dataplane.operator.agent.cluster;

import java.time.Duration;

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

    /** True when the node is already unschedulable (cordoned by someone). */
    boolean unschedulable();

    void cordon();

    void uncordon();

    DrainSettings drainSettings();

    /** Evicts the node's pods (not DaemonSet or mirror pods) and waits until they are gone or the timeout passes. */
    DrainResult drain(DrainSettings settings);
}
