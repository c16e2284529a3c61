package io.dataplane.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TallyTest {
    private final AtomicInteger events = new AtomicInteger();
    private final Tally<ConfigMap> ready = new Tally<>(c -> "yes".equals(c.getData().get("ready")), events::incrementAndGet);

    @Test
    void countsEachObjectOnceWhileItHoldsThePredicate() {
        ready.onAdd(map("ns", "a", "yes"));
        ready.onAdd(map("ns", "b", "no"));
        ready.onUpdate(map("ns", "a", "yes"), map("ns", "a", "yes"));
        assertThat(ready.count()).isEqualTo(1);

        ready.onUpdate(map("ns", "b", "no"), map("ns", "b", "yes"));
        assertThat(ready.count()).isEqualTo(2);

        ready.onUpdate(map("ns", "a", "yes"), map("ns", "a", "no"));
        assertThat(ready.count()).isEqualTo(1);
        assertThat(events).hasValue(5);
    }

    @Test
    void aDeletedObjectNoLongerCountsAndSameNamesInOtherNamespacesAreOthers() {
        ready.onAdd(map("ns1", "a", "yes"));
        ready.onAdd(map("ns2", "a", "yes"));
        assertThat(ready.count()).isEqualTo(2);

        ready.onDelete(map("ns1", "a", "yes"), false);
        assertThat(ready.count()).isEqualTo(1);
        assertThat(events).hasValue(3);
    }

    private static ConfigMap map(String namespace, String name, String ready) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToData("ready", ready).build();
    }
}
