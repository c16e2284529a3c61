package io.dataplane.operator.agent;

import io.dataplane.operator.agent.cluster.NodeControl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cordon and drain without an API server: records the calls and the labels sent with them, answers
 * drains as scripted. One pod to evict unless a test clears {@link #pods}; a complete drain evicts it.
 */
final class FakeNodeControl implements NodeControl {

    final List<String> calls = new ArrayList<>();
    /** The label changes each cordon and uncordon carried, in order. */
    final List<Map<String, String>> labelPatches = new ArrayList<>();
    final Deque<DrainResult> drains = new ArrayDeque<>();
    final List<String> pods = new ArrayList<>(List.of("shop/web-0"));
    final Map<String, String> labels = new TreeMap<>();
    boolean unschedulable;
    DrainSettings settings = DrainSettings.DEFAULT;

    @Override
    public NodeView read() {
        return new NodeView(unschedulable, Map.copyOf(labels));
    }

    @Override
    public void cordon(Map<String, String> changes) {
        calls.add("cordon");
        unschedulable = true;
        label(changes);
    }

    @Override
    public void uncordon(Map<String, String> changes) {
        calls.add("uncordon");
        unschedulable = false;
        label(changes);
    }

    @Override
    public DrainSettings drainSettings() {
        return settings;
    }

    @Override
    public List<String> podsToEvict() {
        return List.copyOf(pods);
    }

    @Override
    public DrainResult drain(DrainSettings s) {
        calls.add("drain");
        DrainResult r = drains.isEmpty() ? new DrainResult(true, "drained") : drains.poll();
        if (r.complete()) {
            pods.clear();
        }
        return r;
    }

    private void label(Map<String, String> changes) {
        labelPatches.add(changes);
        changes.forEach((k, v) -> {
            if (v == null) {
                labels.remove(k);
            } else {
                labels.put(k, v);
            }
        });
    }
}
