package io.dataplane.operator.agent.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one pass over the host found and did. */
public final class ApplyReport {

    /** A step that failed, with the status reason (VfConfigFailed, ...) and a plain-language message. */
    public record Problem(String reason, String message) {
    }

    final List<String> pending = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    final Set<String> restartsRequired = new LinkedHashSet<>();
    final List<String> restarts = new ArrayList<>();

    /** Disruptive changes not made (no grant yet), in plain language. */
    public List<String> pending() {
        return pending;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** What was changed on the host, in plain language. */
    public List<String> changes() {
        return changes;
    }

    /** Services that must restart for applied settings to take effect, and could not be restarted. */
    public Set<String> restartsRequired() {
        return restartsRequired;
    }

    /** Services restarted, with why ("kubelet (CPU manager settings)"). */
    public List<String> restarts() {
        return restarts;
    }

    public boolean clean() {
        return pending.isEmpty() && problems.isEmpty();
    }

    /** Adds a problem found outside the host pass (drain, cordon). */
    public void problem(String reason, String message) {
        problems.add(new Problem(reason, message));
    }
}
