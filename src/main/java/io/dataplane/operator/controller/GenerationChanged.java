package io.dataplane.operator.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Updates of a secondary resource that change its spec (the generation moves), for informers whose
 * mapper wakes many primaries — every node for a policy or the operator config, every network for the
 * config. Their status updates concern no one there: without this filter each policy status patch woke
 * all nodes, ~40 reconciles per object in a 1,000-node rollout.
 */
public final class GenerationChanged implements OnUpdateFilter<HasMetadata> {
    @Override
    public boolean accept(HasMetadata updated, HasMetadata previous) {
        return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration());
    }
}
