package io.dataplane.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

class PooledStringsTest {

    static final String STATE = """
            {"apiVersion": "nfv.dataplane.io/v1alpha1", "kind": "NfvNodeState",
             "metadata": {"name": "%s", "uid": "%s"},
             "status": {
               "inventory": {"nics": [{"pciAddress": "0000:18:00.0", "driver": "ice", "vendor": "8086", "mac": "%s",
                                       "vfs": [{"index": 0, "pciAddress": "0000:18:01.0", "driver": "iavf", "name": "ens1f0v0"}]}]},
               "conditions": [{"type": "Ready", "status": "True", "reason": "Applied", "message": "", "lastTransitionTime": "2026-11-29T22:55:34Z"}]}}
            """;

    @Test
    void twoNodesOfTheSameHardwareShareTheirInventoryStrings() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new PooledStrings());
        NfvNodeState a = mapper.readValue(STATE.formatted("node-a", "uid-a", "b4:96:91:10:00:01"), NfvNodeState.class);
        NfvNodeState b = mapper.readValue(STATE.formatted("node-b", "uid-b", "b4:96:91:10:00:02"), NfvNodeState.class);

        NicInventory nicA = a.getStatus().getInventory().getNics().get(0);
        NicInventory nicB = b.getStatus().getInventory().getNics().get(0);
        assertThat(nicB.getPciAddress()).isSameAs(nicA.getPciAddress());
        assertThat(nicB.getDriver()).isSameAs(nicA.getDriver());
        assertThat(nicB.getVfs().get(0).getName()).isSameAs(nicA.getVfs().get(0).getName());
        assertThat(b.getStatus().getConditions().get(0).getReason()).as("conditions are pooled too")
                .isSameAs(a.getStatus().getConditions().get(0).getReason());
        assertThat(nicB.getMac()).isEqualTo("b4:96:91:10:00:02");
        assertThat(b.getMetadata().getName()).as("metadata is not pooled: names, uids, versions are unique")
                .isEqualTo("node-b").isNotSameAs(a.getMetadata().getName());
    }

    @Test
    void valuesReadBackAsWritten() throws Exception {
        KubernetesSerialization plain = new KubernetesSerialization();
        ObjectMapper pooled = new ObjectMapper().registerModule(new PooledStrings());
        String json = STATE.formatted("node-a", "uid-a", "b4:96:91:10:00:01");
        NfvNodeState read = pooled.readValue(json, NfvNodeState.class);
        assertThat(plain.asJson(read)).isEqualTo(plain.asJson(plain.unmarshal(json, NfvNodeState.class)));
    }

    @Test
    void aFullPoolStartsOverInsteadOfGrowing() {
        StringPool pool = new StringPool(3);
        String first = pool.canonical(new String("ice"));
        assertThat(pool.canonical(new String("ice"))).isSameAs(first);
        pool.canonical("b4:96:91:10:00:01");
        pool.canonical("b4:96:91:10:00:02");
        pool.canonical("b4:96:91:10:00:03"); // full: starts over with this one
        assertThat(pool.size()).isEqualTo(1);
        assertThat(pool.canonical(new String("ice"))).as("no longer pooled").isNotSameAs(first);
        String longMessage = "x".repeat(StringPool.MAX_LENGTH + 1);
        assertThat(pool.canonical(longMessage)).isSameAs(longMessage);
        assertThat(pool.size()).as("long values are not pooled").isEqualTo(2);
    }
}
