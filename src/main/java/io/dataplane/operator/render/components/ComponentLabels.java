package io.dataplane.operator.render.components;

import java.util.Map;
import java.util.TreeMap;

/** Labels on every object the operator renders for a component; the controller's informers select on them. */
public final class ComponentLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "dataplane-operator";

    /** Label selector of the controller's informers: ours, and belonging to a component. */
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR + "," + PART_OF + "=" + OPERATOR + "," + COMPONENT;

    private ComponentLabels() {
    }

    public static Map<String, String> of(Component component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(NAME, component.objectName());
        labels.put(COMPONENT, component.id());
        labels.put(PART_OF, OPERATOR);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** The DaemonSet's pod selector: immutable once created, so it never changes between versions. */
    public static Map<String, String> selector(Component component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(NAME, component.objectName());
        labels.put(PART_OF, OPERATOR);
        return labels;
    }
}
