package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.DeviceClass;
import io.dataplane.operator.api.v1alpha1.DeviceType;
import io.dataplane.operator.api.v1alpha1.LinkType;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import java.util.List;
import java.util.Locale;

/**
 * An SR-IOV pool with defaults filled in and its PF references parsed, ready to be matched against many
 * nodes' inventories.
 */
public record CompiledPool(String policy, String name, String resourceName, int numVfs, Integer mtu,
        DeviceType deviceType, DeviceClass deviceClass, LinkType linkType, String vendor, String deviceID,
        List<PfRef> pfNames, List<PfRef> rootDevices) {

    /** What the device plugin resource is: pools sharing a resourceName must agree on it. */
    public String kind() {
        return "SR-IOV " + deviceClass.value() + " pool with deviceType " + deviceType.value();
    }

    /** Result of matching one NIC: whether it is selected and which VF range (null = all VFs). */
    record Match(boolean selected, VfRange range, String invalidRange) {
        static final Match NO = new Match(false, null, null);
    }

    /**
     * Whether this pool selects the NIC. Every given selector field must match (as in the SR-IOV operator);
     * a range may come from pfNames or rootDevices, and if both give one they must agree.
     */
    Match match(NicInventory nic) {
        if (vendor != null && !vendor.equalsIgnoreCase(nic.getVendor())) {
            return Match.NO;
        }
        if (deviceID != null && !deviceID.equalsIgnoreCase(nic.getDeviceID())) {
            return Match.NO;
        }
        if (nic.getDeviceClass() != null && !deviceClass.value().equals(nic.getDeviceClass())) {
            return Match.NO;
        }
        VfRange range = null;
        PfRef byName = null;
        if (!pfNames.isEmpty()) {
            byName = find(pfNames, nic.getName());
            if (byName == null) {
                return Match.NO;
            }
            range = byName.range();
        }
        if (!rootDevices.isEmpty()) {
            PfRef byAddress = find(rootDevices,
                    nic.getPciAddress() == null ? null : nic.getPciAddress().toLowerCase(Locale.ROOT));
            if (byAddress == null) {
                return Match.NO;
            }
            if (range != null && byAddress.range() != null && !range.equals(byAddress.range())) {
                return new Match(true, null, "pfNames gives VFs " + range + " but rootDevices gives "
                        + byAddress.range() + " for " + nic.getPciAddress());
            }
            if (range == null) {
                range = byAddress.range();
            }
        }
        return new Match(true, range, null);
    }

    /** True when the pool names its PFs explicitly (so a non-SR-IOV match is a mistake worth reporting). */
    boolean namesPfs() {
        return !pfNames.isEmpty() || !rootDevices.isEmpty();
    }

    private static PfRef find(List<PfRef> refs, String key) {
        if (key == null) {
            return null;
        }
        for (PfRef r : refs) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        return null;
    }
}
