package io.dataplane.operator.ovsdb;

import static io.dataplane.operator.ovsdb.OvsdbValues.condition;
import static io.dataplane.operator.ovsdb.OvsdbValues.namedUuid;
import static io.dataplane.operator.ovsdb.OvsdbValues.where;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.OvsBridgeInventory;
import io.dataplane.operator.api.v1alpha1.OvsInventory;
import io.dataplane.operator.api.v1alpha1.OvsPortInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the agent does to OVS-DPDK, as OVSDB transactions on the {@code Open_vSwitch} database:
 * read state, set {@code other_config} keys, manage netdev bridges and dpdk ports, and wait for
 * ovs-vswitchd to apply a change ({@code next_cfg}/{@code cur_cfg}).
 *
 * <p>Changes do not bump {@code next_cfg} themselves: make them, then {@link #bumpNextCfg()} once
 * and {@link #awaitCurCfg} if the caller needs to know vswitchd applied them.
 */
public final class OvsDpdkClient {

    public static final String DB = "Open_vSwitch";
    private static final ArrayNode ALL = where();

    private final OvsdbClient client;

    public OvsDpdkClient(OvsdbClient client) {
        this.client = client;
    }

    /** Open_vSwitch row, bridges, their ports' interfaces, in one consistent read. */
    public OvsInventory inventory() {
        ArrayNode r = client.transact(DB, List.of(
                Ops.select("Open_vSwitch", ALL, "other_config", "dpdk_initialized", "ovs_version", "dpdk_version",
                        "iface_types", "bridges"),
                Ops.select("Bridge", ALL, "_uuid", "name", "datapath_type", "ports"),
                Ops.select("Port", ALL, "_uuid", "name", "interfaces"),
                Ops.select("Interface", ALL, "_uuid", "name", "type", "ofport", "error")));
        JsonNode ovs = firstRow(r.get(0)).orElseThrow(() -> new OvsdbException("no root row",
                "the Open_vSwitch table is empty (ovs-vsctl init was never run)"));
        OvsInventory inv = new OvsInventory();
        inv.setReachable(true);
        inv.setOtherConfig(new TreeMap<>(OvsdbValues.stringMap(ovs.get("other_config"))));
        inv.setDpdkInitialized(OvsdbValues.bool(ovs.get("dpdk_initialized")));
        inv.setOvsVersion(OvsdbValues.string(ovs.get("ovs_version")));
        inv.setDpdkVersion(OvsdbValues.string(ovs.get("dpdk_version")));
        inv.setIfaceTypes(new ArrayList<>(new TreeSet<>(OvsdbValues.strings(ovs.get("iface_types")))));

        Map<String, OvsPortInventory> ifaces = new HashMap<>();
        r.get(3).get("rows").forEach(row -> ifaces.put(uuidOf(row), toPort(row)));
        Map<String, List<String>> portIfaces = new HashMap<>();
        r.get(2).get("rows").forEach(row -> portIfaces.put(uuidOf(row), OvsdbValues.uuids(row.get("interfaces"))));
        Map<String, JsonNode> bridges = new HashMap<>();
        r.get(1).get("rows").forEach(row -> bridges.put(uuidOf(row), row));
        List<OvsBridgeInventory> out = new ArrayList<>();
        for (String uuid : OvsdbValues.uuids(ovs.get("bridges"))) {
            JsonNode b = bridges.get(uuid);
            if (b == null) {
                continue;
            }
            OvsBridgeInventory bi = new OvsBridgeInventory();
            bi.setName(b.get("name").asText());
            String dp = OvsdbValues.string(b.get("datapath_type"));
            bi.setDatapathType(dp == null || dp.isEmpty() ? null : dp);
            for (String port : OvsdbValues.uuids(b.get("ports"))) {
                for (String iface : portIfaces.getOrDefault(port, List.of())) {
                    Optional.ofNullable(ifaces.get(iface)).ifPresent(bi.getPorts()::add);
                }
            }
            bi.getPorts().sort((a, c) -> a.getName().compareTo(c.getName()));
            out.add(bi);
        }
        out.sort((a, c) -> a.getName().compareTo(c.getName()));
        inv.setBridges(out);
        return inv;
    }

    /** Every interface with its type, ofport (absent until vswitchd sets it) and error. */
    public List<OvsPortInventory> interfaces() {
        ArrayNode r = client.transact(DB, List.of(Ops.select("Interface", ALL, "name", "type", "ofport", "error")));
        List<OvsPortInventory> out = new ArrayList<>();
        r.get(0).get("rows").forEach(row -> out.add(toPort(row)));
        out.sort((a, c) -> a.getName().compareTo(c.getName()));
        return out;
    }

    public Map<String, String> otherConfig() {
        ArrayNode r = client.transact(DB, List.of(Ops.select("Open_vSwitch", ALL, "other_config")));
        return firstRow(r.get(0)).map(row -> OvsdbValues.stringMap(row.get("other_config"))).orElse(Map.of());
    }

    /**
     * Sets and removes other_config keys, leaving other keys alone. A map "insert" does not
     * overwrite an existing key, so keys being set are deleted first, in the same transaction.
     */
    public void updateOtherConfig(Map<String, String> set, Collection<String> remove) {
        TreeSet<String> deleteKeys = new TreeSet<>(remove);
        deleteKeys.addAll(set.keySet());
        List<ArrayNode> mutations = new ArrayList<>();
        if (!deleteKeys.isEmpty()) {
            mutations.add(Ops.mutation("other_config", "delete", OvsdbValues.set(deleteKeys)));
        }
        if (!set.isEmpty()) {
            mutations.add(Ops.mutation("other_config", "insert", OvsdbValues.map(new TreeMap<>(set))));
        }
        if (mutations.isEmpty()) {
            return;
        }
        // Delete, then insert, as two operations of one transaction: atomic for other readers.
        List<ObjectNode> ops = new ArrayList<>();
        for (ArrayNode m : mutations) {
            ops.add(Ops.mutate("Open_vSwitch", ALL, List.of(m)));
        }
        client.transact(DB, ops);
    }

    /**
     * Creates a bridge with {@code datapath_type=netdev} (the userspace datapath OVS-DPDK needs)
     * and its internal port, or fixes the datapath type of an existing one.
     *
     * @return true when the bridge was created
     */
    public boolean ensureBridge(String name) {
        Optional<JsonNode> existing = bridge(name);
        if (existing.isPresent()) {
            if (!"netdev".equals(OvsdbValues.string(existing.get().get("datapath_type")))) {
                ObjectNode row = Ops.row().put("datapath_type", "netdev");
                client.transact(DB, List.of(Ops.update("Bridge", where(condition("name", "==", name)), row)));
            }
            return false;
        }
        return createBridge(name);
    }

    /**
     * Inserts the bridge the caller saw missing. If another writer created it since (the transaction's
     * {@code wait} fails with "timed out"), that bridge is theirs and is used as it is: false, no error —
     * an agent retrying with backoff would only find it there later.
     */
    boolean createBridge(String name) {
        ObjectNode iface = Ops.row().put("name", name).put("type", "internal");
        ObjectNode port = Ops.row().put("name", name);
        port.set("interfaces", OvsdbValues.set(List.of(namedUuid("iface"))));
        ObjectNode br = Ops.row().put("name", name).put("datapath_type", "netdev");
        br.set("ports", OvsdbValues.set(List.of(namedUuid("port"))));
        try {
            client.transact(DB, List.of(
                    // Fails the transaction if another writer created the bridge since we looked.
                    Ops.waitFor("Bridge", where(condition("name", "==", name)), List.of("name"), "==", List.of(), 0),
                    Ops.insert("Interface", iface, "iface"),
                    Ops.insert("Port", port, "port"),
                    Ops.insert("Bridge", br, "bridge"),
                    Ops.mutate("Open_vSwitch", ALL, List.of(Ops.mutation("bridges", "insert",
                            OvsdbValues.set(List.of(namedUuid("bridge")))))),
                    Ops.comment("dataplane-operator: add bridge " + name)));
            return true;
        } catch (OvsdbException e) {
            if ("timed out".equals(e.error()) && bridge(name).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Deletes a bridge by removing it from Open_vSwitch.bridges; OVSDB garbage-collects the
     * Bridge and its Ports and Interfaces.
     *
     * @return true when it existed
     */
    public boolean deleteBridge(String name) {
        Optional<JsonNode> b = bridge(name);
        if (b.isEmpty()) {
            return false;
        }
        client.transact(DB, List.of(Ops.mutate("Open_vSwitch", ALL, List.of(Ops.mutation("bridges", "delete",
                OvsdbValues.set(List.of(OvsdbValues.uuid(uuidOf(b.get())))))))));
        return true;
    }

    /** Adds a physical DPDK port: {@code type=dpdk, options:dpdk-devargs=<pci address>}. */
    public boolean addDpdkPort(String bridge, String port, String pciAddress) {
        return addPort(bridge, port, "dpdk", Map.of("dpdk-devargs", pciAddress));
    }

    /**
     * Adds a port with one interface of the given type to a bridge. If a port of that name
     * exists, its interface's type and options are set to these instead.
     *
     * @return true when the port was created
     */
    public boolean addPort(String bridge, String port, String type, Map<String, String> options) {
        ArrayNode r = client.transact(DB, List.of(Ops.select("Port", where(condition("name", "==", port)), "_uuid")));
        if (r.get(0).get("rows").size() > 0) {
            ObjectNode row = Ops.row().put("type", type);
            row.set("options", OvsdbValues.map(new TreeMap<>(options)));
            client.transact(DB, List.of(Ops.update("Interface", where(condition("name", "==", port)), row)));
            return false;
        }
        ObjectNode iface = Ops.row().put("name", port).put("type", type);
        iface.set("options", OvsdbValues.map(new TreeMap<>(options)));
        ObjectNode p = Ops.row().put("name", port);
        p.set("interfaces", OvsdbValues.set(List.of(namedUuid("iface"))));
        ObjectNode bridgeExists = Ops.row().put("name", bridge);
        client.transact(DB, List.of(
                // Fails the transaction if the bridge does not exist.
                Ops.waitFor("Bridge", where(condition("name", "==", bridge)), List.of("name"), "==",
                        List.of(bridgeExists), 0),
                Ops.insert("Interface", iface, "iface"),
                Ops.insert("Port", p, "port"),
                Ops.mutate("Bridge", where(condition("name", "==", bridge)), List.of(Ops.mutation("ports", "insert",
                        OvsdbValues.set(List.of(namedUuid("port")))))),
                Ops.comment("dataplane-operator: add port " + port + " to " + bridge)));
        return true;
    }

    /** Removes a port from a bridge (it and its interface are garbage-collected). */
    public boolean deletePort(String bridge, String port) {
        ArrayNode r = client.transact(DB, List.of(Ops.select("Port", where(condition("name", "==", port)), "_uuid")));
        if (r.get(0).get("rows").isEmpty()) {
            return false;
        }
        String uuid = uuidOf(r.get(0).get("rows").get(0));
        client.transact(DB, List.of(Ops.mutate("Bridge", where(condition("name", "==", bridge)),
                List.of(Ops.mutation("ports", "delete", OvsdbValues.set(List.of(OvsdbValues.uuid(uuid))))))));
        return true;
    }

    /** Increments next_cfg and returns its new value, for {@link #awaitCurCfg}. */
    public long bumpNextCfg() {
        ArrayNode r = client.transact(DB, List.of(
                Ops.mutate("Open_vSwitch", ALL, List.of(Ops.mutation("next_cfg", "+=", client.mapper().getNodeFactory()
                        .numberNode(1)))),
                Ops.select("Open_vSwitch", ALL, "next_cfg")));
        return r.get(1).get("rows").get(0).get("next_cfg").asLong();
    }

    /**
     * Waits until ovs-vswitchd reports it applied configuration {@code target} (cur_cfg reaches
     * it). Watches cur_cfg with a monitor rather than polling.
     *
     * @return false when the timeout passed first (vswitchd not running, or stuck)
     */
    public boolean awaitCurCfg(long target, Duration timeout) {
        String id = "cur_cfg-" + UUID.randomUUID();
        CompletableFuture<Void> reached = new CompletableFuture<>();
        ObjectNode req = client.mapper().createObjectNode();
        req.putObject("Open_vSwitch").putArray("columns").add("cur_cfg");
        JsonNode initial = client.monitor(DB, id, req, updates -> {
            if (curCfgOf(updates) >= target) {
                reached.complete(null);
            }
        });
        try {
            if (curCfgOf(initial) >= target) {
                return true;
            }
            reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new OvsdbException("monitor", "waiting for cur_cfg failed", e.getCause());
        } finally {
            try {
                client.monitorCancel(id);
            } catch (OvsdbException e) {
                // connection gone: nothing left to cancel
            }
        }
    }

    private static long curCfgOf(JsonNode tableUpdates) {
        long max = Long.MIN_VALUE;
        JsonNode rows = tableUpdates.path("Open_vSwitch");
        for (JsonNode update : rows) {
            JsonNode n = update.path("new").path("cur_cfg");
            if (n.isNumber()) {
                max = Math.max(max, n.asLong());
            }
        }
        return max;
    }

    private Optional<JsonNode> bridge(String name) {
        ArrayNode r = client.transact(DB, List.of(Ops.select("Bridge", where(condition("name", "==", name)),
                "_uuid", "name", "datapath_type")));
        return firstRow(r.get(0));
    }

    private static OvsPortInventory toPort(JsonNode row) {
        OvsPortInventory p = new OvsPortInventory();
        p.setName(row.get("name").asText());
        String type = row.get("type").asText();
        p.setType(type.isEmpty() ? "system" : type);
        p.setOfport(OvsdbValues.integer(row.get("ofport")));
        p.setError(OvsdbValues.string(row.get("error")));
        return p;
    }

    private static Optional<JsonNode> firstRow(JsonNode selectResult) {
        JsonNode rows = selectResult.get("rows");
        return rows == null || rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static String uuidOf(JsonNode row) {
        return row.get("_uuid").get(1).asText();
    }
}
