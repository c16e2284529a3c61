package io.dataplane.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * How many of an informer's objects hold a predicate, kept by its events: each event tests one
 * object once, where a scan of the cache would test all of them on every look (2,000 networks and
 * 1,000 states ten times a second cost the benchmark JVM more CPU than some of what it measures).
 */
final class Tally<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final Predicate<T> counted;
    private final Runnable changed;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    /** @param changed called after every event (from the informer's thread) */
    Tally(Predicate<T> counted, Runnable changed) {
        this.counted = counted;
        this.changed = changed;
    }

    int count() {
        return keys.size();
    }

    @Override
    public void onAdd(T t) {
        if (counted.test(t)) {
            keys.add(key(t));
        } else {
            keys.remove(key(t));
        }
        changed.run();
    }

    @Override
    public void onUpdate(T before, T t) {
        onAdd(t);
    }

    @Override
    public void onDelete(T t, boolean finalStateUnknown) {
        keys.remove(key(t));
        changed.run();
    }

    private static String key(HasMetadata t) {
        return t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
    }
}
