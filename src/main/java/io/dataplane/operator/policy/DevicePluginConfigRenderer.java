package io.dataplane.operator.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.DeviceClass;
import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import io.dataplane.operator.api.v1alpha1.VfInventory;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders one node's sriov-network-device-plugin configuration ({@code {"resourceList":[...]}}) from its
 * merged spec and inventory. Selectors are always pinned to the node's own PFs with the VF range the merge
 * assigned, so ranges of different pools never match the same VF (the plugin gives a device to the first
 * matching resource only, which would otherwise make the result depend on order).
 */
public final class DevicePluginConfigRenderer {
    static final String VIRTIO_VENDOR = "1af4";

    /** The rendered JSON plus where every VF device id came from, for the operator's log. */
    public record Rendered(String json, List<String> notes) {
    }

    private DevicePluginConfigRenderer() {
    }

    public static Rendered render(NfvNodeStateSpec spec, NodeInventory inventory, String prefix) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, NicInventory> nics = new HashMap<>();
        if (inventory != null) {
            inventory.getNics().forEach(n -> {
                if (n.getPciAddress() != null) {
                    nics.put(n.getPciAddress().toLowerCase(Locale.ROOT), n);
                }
            });
        }
        // A PF with several pools would repeat the same note; keep the first.
        Set<String> notes = new LinkedHashSet<>();
        // resourceName → (deviceType, selectors), sorted for a stable output.
        Map<String, String> types = new TreeMap<>();
        Map<String, ArrayNode> selectors = new TreeMap<>();
        if (spec != null) {
            for (InterfaceConfig pf : spec.getInterfaces()) {
                NicInventory nic = nics.get(pf.getPciAddress().toLowerCase(Locale.ROOT));
                for (VfGroupConfig g : pf.getVfGroups()) {
                    ObjectNode selector = vfSelector(pf, nic, g, notes);
                    if (selector == null) {
                        continue;
                    }
                    types.put(g.getResourceName(), g.getDeviceClass() == DeviceClass.ACCELERATOR ? "accelerator" : "netDevice");
                    selectors.computeIfAbsent(g.getResourceName(), k -> f.arrayNode()).add(selector);
                }
            }
            for (NestedVirtioConfig pool : spec.getNested()) {
                types.put(pool.getResourceName(), "netDevice");
                selectors.computeIfAbsent(pool.getResourceName(), k -> f.arrayNode()).add(virtioSelector(pool, nics));
            }
        }
        ObjectNode root = f.objectNode();
        ArrayNode list = root.putArray("resourceList");
        for (Map.Entry<String, ArrayNode> e : selectors.entrySet()) {
            ObjectNode resource = list.addObject();
            resource.put("resourceName", e.getKey());
            resource.put("resourcePrefix", prefix);
            resource.put("deviceType", types.get(e.getKey()));
            resource.set("selectors", e.getValue());
        }
        try {
            return new Rendered(SpecJson.mapper().writeValueAsString(root), List.copyOf(notes));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode vfSelector(InterfaceConfig pf, NicInventory nic, VfGroupConfig g, Set<String> notes) {
        String range = g.getFirst() + "-" + g.getLast();
        String where = pf.getPciAddress() + (pf.getName() != null ? " (" + pf.getName() + ")" : "");
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        String vendor = nic == null || nic.getVendor() == null ? null : nic.getVendor().toLowerCase(Locale.ROOT);
        Optional<KnownDevices.VfModel> known = nic == null ? Optional.empty() : KnownDevices.forPf(nic.getVendor(), nic.getDeviceID());
        if (vendor != null) {
            s.putArray("vendors").add(vendor);
        }
        String vfId = vfDeviceId(nic, known, where, notes);
        if (vfId != null) {
            s.putArray("devices").add(vfId);
        }
        String driver = g.getDeviceType() == DeviceType.VFIO_PCI ? "vfio-pci" : kernelDriver(nic, g, known);
        if (driver != null) {
            s.putArray("drivers").add(driver);
        }
        if (g.getDeviceClass() == DeviceClass.ACCELERATOR) {
            // The plugin's accelerator selectors have no pfNames/rootDevices: pin the VFs by address.
            List<String> addresses = vfAddresses(nic, g);
            if (addresses.isEmpty()) {
                notes.add(where + ": VFs " + range + " of resource " + g.getResourceName()
                        + " are not reported yet; the accelerator resource is advertised once the agent lists them");
                return null;
            }
            ArrayNode a = s.putArray("pciAddresses");
            addresses.forEach(a::add);
        } else if (pf.getName() != null) {
            s.putArray("pfNames").add(pf.getName() + "#" + range);
        } else {
            s.putArray("rootDevices").add(pf.getPciAddress() + "#" + range);
        }
        return s;
    }

    /** The VF device id: the agent's report first, then a created VF, then the table of known PFs. */
    private static String vfDeviceId(NicInventory nic, Optional<KnownDevices.VfModel> known, String where, Set<String> notes) {
        if (nic != null && nic.getVfDeviceID() != null) {
            notes.add(where + ": VF device id " + nic.getVfDeviceID() + " from the node inventory");
            return nic.getVfDeviceID().toLowerCase(Locale.ROOT);
        }
        if (nic != null) {
            for (VfInventory vf : nic.getVfs()) {
                if (vf.getDeviceID() != null) {
                    notes.add(where + ": VF device id " + vf.getDeviceID() + " from VF " + vf.getPciAddress());
                    return vf.getDeviceID().toLowerCase(Locale.ROOT);
                }
            }
        }
        if (known.isPresent()) {
            notes.add(where + ": VF device id " + known.get().vfDeviceID() + " from the table of known devices ("
                    + known.get().description() + ")");
            return known.get().vfDeviceID();
        }
        notes.add(where + ": VF device id unknown; the selector matches the PF's VFs by PF and range only");
        return null;
    }

    /** Kernel driver of netdevice VFs: what bound VFs of the PF use, else the known driver, else any. */
    private static String kernelDriver(NicInventory nic, VfGroupConfig g, Optional<KnownDevices.VfModel> known) {
        if (nic != null) {
            for (VfInventory vf : nic.getVfs()) {
                if (vf.getDriver() != null && !"vfio-pci".equals(vf.getDriver()) && vf.getIndex() != null
                        && vf.getIndex() >= g.getFirst() && vf.getIndex() <= g.getLast()) {
                    return vf.getDriver();
                }
            }
        }
        return known.map(KnownDevices.VfModel::kernelDriver).orElse(null);
    }

    private static List<String> vfAddresses(NicInventory nic, VfGroupConfig g) {
        if (nic == null) {
            return List.of();
        }
        return nic.getVfs().stream()
                .filter(vf -> vf.getIndex() != null && vf.getPciAddress() != null
                        && vf.getIndex() >= g.getFirst() && vf.getIndex() <= g.getLast())
                .sorted(Comparator.comparingInt(VfInventory::getIndex))
                .map(vf -> vf.getPciAddress().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static ObjectNode virtioSelector(NestedVirtioConfig pool, Map<String, NicInventory> nics) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.putArray("vendors").add(VIRTIO_VENDOR);
        Set<String> ids = new LinkedHashSet<>();
        for (String address : pool.getPciAddresses()) {
            NicInventory nic = nics.get(address);
            if (nic != null && nic.getDeviceID() != null) {
                ids.add(nic.getDeviceID().toLowerCase(Locale.ROOT));
            }
        }
        if (!ids.isEmpty()) {
            ArrayNode d = s.putArray("devices");
            ids.stream().sorted().forEach(d::add);
        }
        s.putArray("drivers").add(pool.getDriver() == null ? "vfio-pci" : pool.getDriver().value());
        ArrayNode a = s.putArray("pciAddresses");
        pool.getPciAddresses().forEach(a::add);
        return s;
    }
}
