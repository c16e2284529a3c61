package io.dataplane.operator.runtime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct short string. Fleets are homogeneous: a thousand nodes report the
 * same PCI addresses, drivers, device ids, VF names, policy names and condition reasons, and the
 * operator's caches held each as its own String (a third of the live heap at 1,000 nodes). Bounded:
 * values that never repeat (MAC addresses, timestamps) fill it, and a full pool starts over rather
 * than pin them; the strings already handed out stay valid either way.
 */
final class StringPool {
    /** Longer values (rendered configs, long messages) are rarely shared and not worth the hashing. */
    static final int MAX_LENGTH = 256;

    private final ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();
    private final int capacity;

    StringPool(int capacity) {
        this.capacity = capacity;
    }

    String canonical(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return value;
        }
        String known = pool.get(value);
        if (known != null) {
            return known;
        }
        if (pool.size() >= capacity) {
            pool.clear();
        }
        known = pool.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    int size() {
        return pool.size();
    }
}
