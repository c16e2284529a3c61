package io.dataplane.operator.host.sim;

import java.util.Optional;

/**
 * PCI devices the fake host can hold, with the ids and drivers the real hardware shows.
 *
 * <ul>
 *   <li>{@link #INTEL_E810}: Intel E810-C (QSFP) 100G, {@code ice}; VFs are the Adaptive VF
 *       8086:1889 on {@code iavf}; first VF 8 functions after PF 0 (VFs at bus:01.0).
 *   <li>{@link #INTEL_X710}: Intel X710 10G SFP+, {@code i40e}; VFs 8086:154c on {@code iavf};
 *       first VF offset 16 (bus:02.0).
 *   <li>{@link #MELLANOX_CX5}: ConnectX-5 (MT27800), {@code mlx5_core} for PF and VF 15b3:1018.
 *       Bifurcated: DPDK uses its VFs while they stay on mlx5_core (no vfio-pci). totalvfs is set
 *       in firmware (mlxconfig NUM_OF_VFS); 8 here. VFs follow the PFs (bus:00.2).
 *   <li>{@link #INTEL_QAT_4XXX}: QuickAssist 4xxx (Sapphire Rapids), class 0x0b4000, PF driver
 *       {@code 4xxx}, VFs 8086:4941 on {@code 4xxxvf}; no netdev. First VF at function 1.
 *   <li>{@link #VIRTIO_NET} / {@link #VIRTIO_NET_TRANSITIONAL}: virtio-net in a VM (1af4:1041
 *       modern, 1af4:1000 transitional) on {@code virtio-pci}; the netdev hangs below the
 *       {@code virtioN} device, speed reads -1 (unknown).
 * </ul>
 */
public enum HardwareProfile {
    INTEL_E810("8086", "1592", "1889", "ice", "iavf", 128, 8, 2, PciClass.ETHERNET, 100000, 9702, "b4:96:91"),
    INTEL_X710("8086", "1572", "154c", "i40e", "iavf", 64, 16, 2, PciClass.ETHERNET, 10000, 9702, "3c:fd:fe"),
    MELLANOX_CX5("15b3", "1017", "1018", "mlx5_core", "mlx5_core", 8, 2, 2, PciClass.ETHERNET, 25000, 9978, "0c:42:a1"),
    INTEL_QAT_4XXX("8086", "4940", "4941", "4xxx", "4xxxvf", 16, 1, 1, PciClass.ACCELERATOR, 0, 0, null),
    VIRTIO_NET("1af4", "1041", null, "virtio-pci", null, 0, 0, 1, PciClass.ETHERNET, -1, 65535, "52:54:00"),
    VIRTIO_NET_TRANSITIONAL("1af4", "1000", null, "virtio-pci", null, 0, 0, 1, PciClass.ETHERNET, -1, 65535, "52:54:00");

    /** PCI class codes as {@code /sys/bus/pci/devices/X/class} shows them. */
    public static final class PciClass {
        public static final String ETHERNET = "0x020000";
        public static final String ACCELERATOR = "0x0b4000";

        private PciClass() {
        }
    }

    /** Drivers whose probe creates a kernel netdev. */
    static boolean makesNetdev(String driver) {
        return switch (driver) {
            case "ice", "i40e", "iavf", "mlx5_core", "virtio-pci" -> true;
            default -> false;
        };
    }

    /** Drivers with an sriov_configure callback; others answer ENOENT to sriov_numvfs. */
    static boolean canConfigureSriov(String driver) {
        return switch (driver) {
            case "ice", "i40e", "mlx5_core", "4xxx" -> true;
            default -> false;
        };
    }

    private final String vendor;
    private final String device;
    private final String vfDevice;
    private final String pfDriver;
    private final String vfDriver;
    private final int totalVfs;
    private final int firstVfOffset;
    private final int defaultPorts;
    private final String pciClass;
    private final int speedMbps;
    private final int maxMtu;
    private final String macOui;

    HardwareProfile(String vendor, String device, String vfDevice, String pfDriver, String vfDriver, int totalVfs,
            int firstVfOffset, int defaultPorts, String pciClass, int speedMbps, int maxMtu, String macOui) {
        this.vendor = vendor;
        this.device = device;
        this.vfDevice = vfDevice;
        this.pfDriver = pfDriver;
        this.vfDriver = vfDriver;
        this.totalVfs = totalVfs;
        this.firstVfOffset = firstVfOffset;
        this.defaultPorts = defaultPorts;
        this.pciClass = pciClass;
        this.speedMbps = speedMbps;
        this.maxMtu = maxMtu;
        this.macOui = macOui;
    }

    public String vendor() {
        return vendor;
    }

    public String device() {
        return device;
    }

    /** VF device id, null for devices without SR-IOV. */
    public String vfDevice() {
        return vfDevice;
    }

    public String pfDriver() {
        return pfDriver;
    }

    public String vfDriver() {
        return vfDriver;
    }

    public int totalVfs() {
        return totalVfs;
    }

    /** Routing-id distance from PF 0 to its first VF (the SR-IOV capability's First VF Offset). */
    public int firstVfOffset() {
        return firstVfOffset;
    }

    public int defaultPorts() {
        return defaultPorts;
    }

    public String pciClass() {
        return pciClass;
    }

    /** Link speed when up; -1 when the device does not know (virtio). */
    public int speedMbps() {
        return speedMbps;
    }

    public int maxMtu() {
        return maxMtu;
    }

    public String macOui() {
        return macOui;
    }

    public boolean sriov() {
        return totalVfs > 0;
    }

    public boolean virtio() {
        return vendor.equals("1af4");
    }

    /** The driver the kernel would bind to vendor:device (PF or VF ids of a profile). */
    public static Optional<String> defaultDriver(String vendor, String device) {
        for (HardwareProfile p : values()) {
            if (p.vendor.equals(vendor) && p.device.equals(device)) {
                return Optional.of(p.pfDriver);
            }
            if (p.vendor.equals(vendor) && device.equals(p.vfDevice)) {
                return Optional.of(p.vfDriver);
            }
        }
        return Optional.empty();
    }
}
