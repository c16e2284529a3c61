package io.dataplane.operator.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.NodeOvsDpdkConfig;
import io.dataplane.operator.api.v1alpha1.OvsBridge;
import io.dataplane.operator.api.v1alpha1.OvsUplink;
import io.dataplane.operator.host.DriverBinder;
import io.dataplane.operator.ovsdb.Ops;
import io.dataplane.operator.ovsdb.OvsDpdkClient;
import io.dataplane.operator.ovsdb.OvsdbClient;
import io.dataplane.operator.ovsdb.OvsdbException;
import io.dataplane.operator.ovsdb.OvsdbValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OVS-DPDK through the project's OVSDB client: {@code other_config} keys, bridges with
 * {@code datapath_type=netdev}, dpdk uplink ports with {@code dpdk-devargs}. Keys that DPDK reads
 * only at initialisation need an ovs-vswitchd restart once DPDK runs: such a change is disruptive
 * and the restart is made (or reported) afterwards; pmd-cpu-mask applies live.
 */
final class OvsStep {

    /** other_config keys ovs-vswitchd reads only when it initialises DPDK (vswitch.xml). */
    static final Set<String> RESTART_KEYS = Set.of("dpdk-init", "dpdk-socket-mem", "dpdk-socket-limit", "dpdk-lcore-mask",
            "dpdk-extra", "dpdk-hugepage-dir", "vhost-sock-dir", "userspace-tso-enable");

    private OvsStep() {
    }

    /** The other_config keys a config asks for. */
    static Map<String, String> desiredOtherConfig(NodeOvsDpdkConfig cfg) {
        Map<String, String> want = new TreeMap<>();
        if (cfg == null) {
            return want;
        }
        want.put("dpdk-init", "true");
        if (!cfg.getSocketMemMiB().isEmpty()) {
            want.put("dpdk-socket-mem", String.join(",", cfg.getSocketMemMiB().stream().map(String::valueOf).toList()));
        }
        if (cfg.getLcoreCpus() != null && !cfg.getLcoreCpus().isBlank()) {
            want.put("dpdk-lcore-mask", CpuMask.of(cfg.getLcoreCpus()));
        }
        if (cfg.getPmdCpus() != null && !cfg.getPmdCpus().isBlank()) {
            want.put("pmd-cpu-mask", CpuMask.of(cfg.getPmdCpus()));
        }
        return want;
    }

    /** True when the agent has nothing to do with OVS (no config, nothing owned). */
    static boolean idle(OwnedState owned, NodeOvsDpdkConfig cfg) {
        return cfg == null && owned.ovsBridges.isEmpty() && owned.ovsPorts.isEmpty() && owned.ovsOtherConfig.isEmpty();
    }

    static void run(HostChange c, OvsdbClient raw, NodeOvsDpdkConfig cfg, DriverBinder drivers) {
        OvsDpdkClient ovs = new OvsDpdkClient(raw);
        boolean changed = false;
        try {
            JsonNode rows = raw.transact(OvsDpdkClient.DB, List.of(Ops.select("Open_vSwitch", OvsdbValues.where(),
                    "other_config", "dpdk_initialized"))).get(0).get("rows");
            if (rows.isEmpty()) {
                throw new OvsdbException("no root row", "the Open_vSwitch table is empty (ovs-vsctl init was never run)");
            }
            JsonNode root = rows.get(0);
            Map<String, String> have = OvsdbValues.stringMap(root.get("other_config"));
            boolean dpdkRunning = Boolean.TRUE.equals(OvsdbValues.bool(root.get("dpdk_initialized")));
            changed |= otherConfig(c, ovs, have, desiredOtherConfig(cfg), dpdkRunning);
            Map<String, JsonNode> ifaces = interfaces(raw);
            Set<String> bridges = bridgeNames(raw);
            Map<String, String> wantPorts = new LinkedHashMap<>();
            if (cfg != null) {
                for (OvsBridge b : cfg.getBridges()) {
                    changed |= bridge(c, ovs, b, bridges);
                    for (OvsUplink u : b.getUplinks()) {
                        wantPorts.put(u.getName(), b.getName());
                        changed |= uplink(c, ovs, raw, b, u, ifaces.get(u.getName()), drivers);
                    }
                }
            }
            changed |= revertPorts(c, ovs, wantPorts);
            changed |= revertBridges(c, ovs, cfg);
            changed |= revertOtherConfig(c, ovs, have, desiredOtherConfig(cfg), dpdkRunning);
            if (changed && c.applying()) {
                ovs.bumpNextCfg(); // one bump for the whole pass; vswitchd applies it asynchronously
            }
            if (c.applying() && cfg != null) {
                interfaceErrors(c, raw, wantPorts);
            }
        } catch (OvsdbException e) {
            c.problem(Reasons.OVS_CONFIG_FAILED, "OVSDB: " + e.getMessage());
        }
    }

    private static boolean otherConfig(HostChange c, OvsDpdkClient ovs, Map<String, String> have, Map<String, String> want,
            boolean dpdkRunning) {
        Map<String, String> set = new TreeMap<>();
        want.forEach((k, v) -> {
            if (!v.equals(have.get(k))) {
                set.put(k, v);
            }
        });
        if (set.isEmpty()) {
            return false;
        }
        Set<String> needRestart = new TreeSet<>(set.keySet());
        needRestart.retainAll(RESTART_KEYS);
        boolean restart = dpdkRunning && !needRestart.isEmpty();
        List<String> described = set.keySet().stream().map(k -> k + " " + have.getOrDefault(k, "(unset)") + " -> " + set.get(k)).toList();
        if (!c.proceed(restart, "OVS other_config " + String.join(", ", described) + (restart ? " (ovs-vswitchd restart)" : ""))) {
            return false;
        }
        set.keySet().forEach(k -> OwnedState.remember(c.owned.ovsOtherConfig, k, have.get(k)));
        c.save();
        ovs.updateOtherConfig(set, List.of());
        c.changed("OVS other_config " + String.join(", ", described));
        if (restart) {
            c.restartReasons.put(HostCommands.OVS_VSWITCHD, "DPDK reads " + needRestart + " only at start");
        }
        return true;
    }

    private static boolean revertOtherConfig(HostChange c, OvsDpdkClient ovs, Map<String, String> have, Map<String, String> want,
            boolean dpdkRunning) {
        Map<String, String> set = new TreeMap<>();
        List<String> remove = new ArrayList<>();
        List<String> done = new ArrayList<>();
        c.owned.ovsOtherConfig.forEach((k, original) -> {
            if (want.containsKey(k)) {
                return;
            }
            done.add(k);
            if (Objects.equals(have.get(k), original)) {
                return;
            }
            if (original == null) {
                remove.add(k);
            } else {
                set.put(k, original);
            }
        });
        if (done.isEmpty()) {
            return false;
        }
        Set<String> touched = new TreeSet<>(set.keySet());
        touched.addAll(remove);
        boolean restart = dpdkRunning && touched.stream().anyMatch(RESTART_KEYS::contains);
        if (!touched.isEmpty() && !c.proceed(restart, "OVS other_config " + touched + " restored (no longer wanted)"
                + (restart ? " (ovs-vswitchd restart)" : ""))) {
            return false;
        }
        if (!c.applying()) {
            return false;
        }
        if (!touched.isEmpty()) {
            ovs.updateOtherConfig(set, remove);
            c.changed("OVS other_config " + touched + " restored");
            if (restart) {
                c.restartReasons.put(HostCommands.OVS_VSWITCHD, "DPDK settings restored");
            }
        }
        done.forEach(c.owned.ovsOtherConfig::remove);
        c.save();
        return !touched.isEmpty();
    }

    private static boolean bridge(HostChange c, OvsDpdkClient ovs, OvsBridge b, Set<String> existing) {
        if (existing.contains(b.getName()) || !c.proceed(false, "")) {
            // an existing bridge is used as is: it is not the agent's (its datapath type is reported, not changed)
            return false;
        }
        c.owned.ovsBridges.add(b.getName());
        c.save();
        if (!ovs.ensureBridge(b.getName())) {
            // Someone else created it since the host was read: theirs, used as is, never deleted by a revert.
            c.owned.ovsBridges.remove(b.getName());
            c.save();
            return false;
        }
        c.changed("OVS bridge " + b.getName() + " (datapath_type=netdev)");
        return true;
    }

    private static boolean uplink(HostChange c, OvsDpdkClient ovs, OvsdbClient raw, OvsBridge b, OvsUplink u, JsonNode iface,
            DriverBinder drivers) {
        if (!c.applying()) {
            return false;
        }
        String driver = drivers.currentDriver(u.getPciAddress()).orElse(null);
        if (driver == null || !(driver.equals(DriverStep.VFIO) || DriverStep.BIFURCATED.contains(driver))) {
            return false; // the device is not ready for DPDK yet (its driver change waits or failed: reported there)
        }
        boolean changed = false;
        boolean present = iface != null && "dpdk".equals(iface.get("type").asText())
                && u.getPciAddress().equals(OvsdbValues.stringMap(iface.get("options")).get("dpdk-devargs"));
        if (!present) {
            OwnedState.remember(c.owned.ovsPorts, u.getName(), b.getName());
            c.save();
            ovs.addDpdkPort(b.getName(), u.getName(), u.getPciAddress());
            c.changed("OVS dpdk port " + u.getName() + " on " + b.getName() + " (dpdk-devargs=" + u.getPciAddress() + ")");
            changed = true;
        }
        if (b.getMtu() != null) {
            Long mtu = iface == null ? null : OvsdbValues.integer(iface.get("mtu_request"));
            if (mtu == null || mtu.intValue() != b.getMtu()) {
                ObjectNode row = Ops.row().put("mtu_request", b.getMtu());
                raw.transact(OvsDpdkClient.DB, List.of(Ops.update("Interface",
                        OvsdbValues.where(OvsdbValues.condition("name", "==", u.getName())), row)));
                c.changed("OVS mtu_request of " + u.getName() + " -> " + b.getMtu());
                changed = true;
            }
        }
        return changed;
    }

    private static boolean revertPorts(HostChange c, OvsDpdkClient ovs, Map<String, String> want) {
        boolean changed = false;
        for (Map.Entry<String, String> e : new ArrayList<>(c.owned.ovsPorts.entrySet())) {
            if (want.containsKey(e.getKey()) || !c.applying()) {
                continue;
            }
            changed |= ovs.deletePort(e.getValue(), e.getKey());
            c.changed("OVS port " + e.getKey() + " removed (no longer wanted)");
            c.owned.ovsPorts.remove(e.getKey());
            c.save();
        }
        return changed;
    }

    private static boolean revertBridges(HostChange c, OvsDpdkClient ovs, NodeOvsDpdkConfig cfg) {
        Set<String> want = new TreeSet<>();
        if (cfg != null) {
            cfg.getBridges().forEach(b -> want.add(b.getName()));
        }
        boolean changed = false;
        for (String name : new ArrayList<>(c.owned.ovsBridges)) {
            if (want.contains(name) || !c.applying()) {
                continue;
            }
            if (ovs.deleteBridge(name)) {
                c.changed("OVS bridge " + name + " removed (no longer wanted)");
                changed = true;
            }
            c.owned.ovsBridges.remove(name);
            c.owned.ovsPorts.values().removeIf(name::equals);
            c.save();
        }
        return changed;
    }

    private static void interfaceErrors(HostChange c, OvsdbClient raw, Map<String, String> ports) {
        Map<String, JsonNode> ifaces = interfaces(raw);
        for (String port : ports.keySet()) {
            JsonNode i = ifaces.get(port);
            String error = i == null ? null : OvsdbValues.string(i.get("error"));
            if (error != null && !error.isEmpty()) {
                c.problem(Reasons.OVS_INTERFACE_ERROR, "OVS port " + port + " failed: " + error);
            }
        }
    }

    private static Map<String, JsonNode> interfaces(OvsdbClient raw) {
        ArrayNode r = raw.transact(OvsDpdkClient.DB, List.of(Ops.select("Interface", OvsdbValues.where(),
                "name", "type", "options", "mtu_request", "error")));
        Map<String, JsonNode> out = new HashMap<>();
        r.get(0).get("rows").forEach(row -> out.put(row.get("name").asText(), row));
        return out;
    }

    private static Set<String> bridgeNames(OvsdbClient raw) {
        ArrayNode r = raw.transact(OvsDpdkClient.DB, List.of(Ops.select("Bridge", OvsdbValues.where(), "name")));
        Set<String> out = new TreeSet<>();
        r.get(0).get("rows").forEach(row -> out.add(row.get("name").asText()));
        return out;
    }
}
