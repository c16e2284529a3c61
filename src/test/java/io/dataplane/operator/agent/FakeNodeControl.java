package io.dataplane.operator.agent;

import io.dataplane.operator.agent.cluster.NodeControl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Cordon and drain without an API server: records the calls, answers drains as scripted. */
final class FakeNodeControl implements NodeControl {

    final List<String> calls = new ArrayList<>();
    final Deque<DrainResult> drains = new ArrayDeque<>();
    boolean unschedulable;
    DrainSettings settings = DrainSettings.DEFAULT;

    @Override
    public boolean unschedulable() {
        return unschedulable;
    }

    @Override
    public void cordon() {
        calls.add("cordon");
        unschedulable = true;
    }

    @Override
    public void uncordon() {
        calls.add("uncordon");
        unschedulable = false;
    }

    @Override
    public DrainSettings drainSettings() {
        return settings;
    }

    @Override
    public DrainResult drain(DrainSettings s) {
        calls.add("drain");
        return drains.isEmpty() ? new DrainResult(true, "drained") : drains.poll();
    }
}
