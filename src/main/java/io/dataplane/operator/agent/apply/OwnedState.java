package io.dataplane.operator.agent.apply;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataplane.operator.api.v1alpha1.OwnedHostState;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the agent changed on the host, with the value it found before, so a revert restores exactly
 * that and nothing else. Kept in a file on the host (survives agent restarts and reboots) and
 * summarised in status.owned. A value of null in a map means "there was none" (no driver, no key).
 *
 * <p>An entry is recorded <em>before</em> the change is made: a crash right after the write still
 * leaves the agent knowing it owns the change.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class OwnedState {

    /** PF address → sriov_numvfs before the agent set it. */
    public Map<String, Integer> numVfs = new TreeMap<>();
    /** PF address → sriov_drivers_autoprobe before the agent set it. */
    public Map<String, String> autoprobe = new TreeMap<>();
    /** PF address → MTU of its netdev before the agent set it. */
    public Map<String, Integer> pfMtu = new TreeMap<>();
    /** Device address → driver before the agent rebound it (null: none). */
    public Map<String, String> drivers = new TreeMap<>();
    /** "size/node" (node "all" for the global pool) → nr_hugepages before the agent set it. */
    public Map<String, Integer> hugepages = new TreeMap<>();
    /** vfio enable_unsafe_noiommu_mode before the agent set it; null when not owned. */
    public String noIommu;
    /** The agent wrote the kubelet drop-in. */
    public boolean kubeletDropIn;
    /** OVS bridges the agent created. */
    public TreeSet<String> ovsBridges = new TreeSet<>();
    /** OVS port → bridge, for ports the agent added. */
    public Map<String, String> ovsPorts = new TreeMap<>();
    /** Open_vSwitch other_config key → value before the agent set it (null: absent). */
    public Map<String, String> ovsOtherConfig = new TreeMap<>();
    /** Services whose restart the agent owes (a restart failed after their settings changed). */
    public TreeSet<String> restartsPending = new TreeSet<>();
    /** The agent cordoned the node (it was schedulable before) and has not uncordoned it yet. */
    public boolean cordoned;
    /** Boot id of the host when the agent last applied a generation completely. */
    public String bootId;
    /** Generation of the NfvNodeState last applied completely on this host. */
    public Long appliedGeneration;

    /** True when the agent changed nothing on this host (bookkeeping fields aside). */
    public boolean ownsNothing() {
        return numVfs.isEmpty() && autoprobe.isEmpty() && pfMtu.isEmpty() && drivers.isEmpty() && hugepages.isEmpty()
                && noIommu == null && !kubeletDropIn && ovsBridges.isEmpty() && ovsPorts.isEmpty() && ovsOtherConfig.isEmpty()
                && restartsPending.isEmpty() && !cordoned;
    }

    /** Records the value before a change; the first recorded value wins (later calls keep it). */
    static <V> void remember(Map<String, V> map, String key, V before) {
        if (!map.containsKey(key)) {
            map.put(key, before);
        }
    }

    /** The summary the API carries (status.owned); null when the agent owns nothing. */
    public OwnedHostState toApi() {
        OwnedHostState o = new OwnedHostState();
        o.setVfs(new ArrayList<>(numVfs.keySet()));
        o.setDriverOverrides(new ArrayList<>(drivers.keySet()));
        o.setHugepages(new ArrayList<>(hugepages.keySet()));
        o.setKubeletDropIn(kubeletDropIn ? Boolean.TRUE : null);
        o.setOvsBridges(new ArrayList<>(ovsBridges));
        o.setOvsOtherConfig(new ArrayList<>(ovsOtherConfig.keySet()));
        boolean empty = o.getVfs().isEmpty() && o.getDriverOverrides().isEmpty() && o.getHugepages().isEmpty()
                && o.getKubeletDropIn() == null && o.getOvsBridges().isEmpty() && o.getOvsOtherConfig().isEmpty();
        return empty ? null : o;
    }

    /**
     * Rebuilds what can be rebuilt from status.owned when the host file is gone (a wiped state
     * directory): the names survive, the values before do not, so reverts go to the kernel's
     * defaults (0 VFs, the default driver, 0 huge pages, key absent).
     */
    public static OwnedState fromApi(OwnedHostState api) {
        OwnedState s = new OwnedState();
        if (api == null) {
            return s;
        }
        api.getVfs().forEach(pf -> s.numVfs.put(pf, 0));
        api.getDriverOverrides().forEach(d -> s.drivers.put(d, null));
        api.getHugepages().forEach(h -> s.hugepages.put(h, 0));
        s.kubeletDropIn = Boolean.TRUE.equals(api.getKubeletDropIn());
        s.ovsBridges.addAll(api.getOvsBridges());
        api.getOvsOtherConfig().forEach(k -> s.ovsOtherConfig.put(k, null));
        return s;
    }
}
