package io.dataplane.operator.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Kubernetes label selector semantics (matchLabels AND matchExpressions), evaluated against cached labels. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /**
     * Compiles a selector once so that matching a thousand nodes is a few map lookups each. An empty (or
     * absent) selector selects everything, as the API documents. Throws IllegalArgumentException for
     * operators or values the API server would reject.
     */
    public static Predicate<Map<String, String>> compile(LabelSelector selector) {
        if (selector == null) {
            return labels -> true;
        }
        List<Predicate<Map<String, String>>> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> parts.add(labels -> v.equals(labels.get(k))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                parts.add(requirement(r));
            }
        }
        return labels -> {
            Map<String, String> l = labels == null ? Map.of() : labels;
            for (Predicate<Map<String, String>> p : parts) {
                if (!p.test(l)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Map<String, String>> requirement(LabelSelectorRequirement r) {
        String key = r.getKey();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String op = r.getOperator() == null ? "" : r.getOperator();
        switch (op) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("matchExpressions " + key + " " + op + " needs values");
                }
                Set<String> set = Set.copyOf(values);
                return "In".equals(op) ? labels -> set.contains(labels.get(key))
                        : labels -> !labels.containsKey(key) || !set.contains(labels.get(key));
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException("matchExpressions " + key + " " + op + " takes no values");
                }
                return "Exists".equals(op) ? labels -> labels.containsKey(key) : labels -> !labels.containsKey(key);
            }
            default -> throw new IllegalArgumentException("unknown matchExpressions operator '" + op + "' for " + key);
        }
    }
}
