package io.dataplane.operator.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes API convention conditions. Pure functions: the caller passes the current list and gets a
 * new one, so "did anything change" is a plain equals and a converged object is never rewritten.
 */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String AVAILABLE = "Available";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {
    }

    /** RFC 3339 with second precision, as metav1.Time serialises. */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Returns {@code current} with condition {@code type} set. lastTransitionTime moves only when the
     * status changes; if nothing at all changed the returned list equals {@code current}.
     */
    public static List<Condition> set(List<Condition> current, String type, String status, String reason,
            String message, Long observedGeneration, String now) {
        List<Condition> result = new ArrayList<>();
        boolean found = false;
        for (Condition c : current == null ? List.<Condition>of() : current) {
            if (!type.equals(c.getType())) {
                result.add(c);
                continue;
            }
            found = true;
            String transition = status.equals(c.getStatus()) && c.getLastTransitionTime() != null
                    ? c.getLastTransitionTime()
                    : now;
            result.add(condition(type, status, reason, message, observedGeneration, transition));
        }
        if (!found) {
            result.add(condition(type, status, reason, message, observedGeneration, now));
        }
        return result;
    }

    public static List<Condition> set(List<Condition> current, String type, boolean status, String reason,
            String message, Long observedGeneration) {
        return set(current, type, status ? TRUE : FALSE, reason, message, observedGeneration, now());
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /** Reason of a condition, or null. */
    public static String reason(List<Condition> conditions, String type) {
        return find(conditions, type).map(Condition::getReason).orElse(null);
    }

    /** True when the two lists say the same thing (ignores nothing: times included). */
    public static boolean same(List<Condition> a, List<Condition> b) {
        return Objects.equals(a == null ? List.of() : a, b == null ? List.of() : b);
    }

    private static Condition condition(String type, String status, String reason, String message,
            Long generation, String transition) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message == null ? "" : message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
    }
}
