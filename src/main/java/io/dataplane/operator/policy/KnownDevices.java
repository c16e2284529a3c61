package io.dataplane.operator.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * VF device ids and kernel VF drivers of common SR-IOV PFs, for when the node inventory does not say (no
 * VFs created yet). Ids from the PCI ID database (pci-ids.ucw.cz) and the kernel drivers that bind them.
 * The inventory, when it has the VF id, always wins over this table.
 */
public final class KnownDevices {

    /** What the table knows about a PF model. */
    public record VfModel(String vfDeviceID, String kernelDriver, String description) {
    }

    private static final Map<String, VfModel> BY_PF = Map.ofEntries(
            // Intel Ethernet 800 series (ice) → iavf
            Map.entry("8086:1592", new VfModel("1889", "iavf", "Intel E810-C QSFP")),
            Map.entry("8086:1593", new VfModel("1889", "iavf", "Intel E810-C SFP")),
            Map.entry("8086:159b", new VfModel("1889", "iavf", "Intel E810-XXV SFP")),
            // Intel Ethernet 700 series (i40e) → iavf
            Map.entry("8086:1572", new VfModel("154c", "iavf", "Intel X710 10GbE SFP+")),
            Map.entry("8086:1583", new VfModel("154c", "iavf", "Intel XL710 40GbE QSFP+")),
            Map.entry("8086:158b", new VfModel("154c", "iavf", "Intel XXV710 25GbE SFP28")),
            Map.entry("8086:37d2", new VfModel("37cd", "iavf", "Intel X722 10GbE")),
            // Intel 82599 (ixgbe) → ixgbevf
            Map.entry("8086:10fb", new VfModel("10ed", "ixgbevf", "Intel 82599ES 10GbE SFP+")),
            // NVIDIA/Mellanox ConnectX (mlx5_core on both PF and VF)
            Map.entry("15b3:1017", new VfModel("1018", "mlx5_core", "Mellanox ConnectX-5")),
            Map.entry("15b3:1019", new VfModel("101a", "mlx5_core", "Mellanox ConnectX-5 Ex")),
            Map.entry("15b3:101b", new VfModel("101c", "mlx5_core", "Mellanox ConnectX-6")),
            Map.entry("15b3:101d", new VfModel("101e", "mlx5_core", "Mellanox ConnectX-6 Dx")),
            Map.entry("15b3:101f", new VfModel("101e", "mlx5_core", "Mellanox ConnectX-6 Lx")),
            Map.entry("15b3:1021", new VfModel("101e", "mlx5_core", "Mellanox ConnectX-7")),
            // Intel QuickAssist (accelerator class)
            Map.entry("8086:0435", new VfModel("0443", "dh895xccvf", "Intel QAT DH895xCC")),
            Map.entry("8086:37c8", new VfModel("37c9", "c6xxvf", "Intel QAT C62x")),
            Map.entry("8086:19e2", new VfModel("19e3", "c3xxxvf", "Intel QAT C3xxx")),
            Map.entry("8086:4940", new VfModel("4941", "4xxxvf", "Intel QAT 4xxx")),
            Map.entry("8086:4942", new VfModel("4943", "4xxxvf", "Intel QAT 401xx")));

    private KnownDevices() {
    }

    public static Optional<VfModel> forPf(String vendor, String deviceID) {
        if (vendor == null || deviceID == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_PF.get(vendor.toLowerCase(Locale.ROOT) + ":" + deviceID.toLowerCase(Locale.ROOT)));
    }
}
