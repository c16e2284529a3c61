package io.dataplane.operator.host;

/** Host paths the agent reads and writes, in one place. */
public final class SysfsPaths {

    public static final String PCI_DEVICES = "/sys/bus/pci/devices";
    public static final String PCI_DRIVERS = "/sys/bus/pci/drivers";
    public static final String PCI_DRIVERS_PROBE = "/sys/bus/pci/drivers_probe";
    public static final String CLASS_NET = "/sys/class/net";
    public static final String CPU = "/sys/devices/system/cpu";
    public static final String NODE = "/sys/devices/system/node";
    public static final String GLOBAL_HUGEPAGES = "/sys/kernel/mm/hugepages";
    public static final String IOMMU_GROUPS = "/sys/kernel/iommu_groups";
    public static final String VFIO_NOIOMMU = "/sys/module/vfio/parameters/enable_unsafe_noiommu_mode";
    public static final String DEV_VFIO = "/dev/vfio";

    private SysfsPaths() {
    }

    /** {@code /sys/bus/pci/devices/<bdf>[/<attr>]}. */
    public static String pciDevice(String bdf, String... attr) {
        return join(PCI_DEVICES + "/" + bdf, attr);
    }

    /** {@code /sys/bus/pci/drivers/<driver>[/<attr>]}. */
    public static String pciDriver(String driver, String... attr) {
        return join(PCI_DRIVERS + "/" + driver, attr);
    }

    /** {@code /sys/class/net/<ifname>[/<attr>]}. */
    public static String netdev(String ifname, String... attr) {
        return join(CLASS_NET + "/" + ifname, attr);
    }

    /** Directory name of a huge page size, e.g. {@code hugepages-2048kB}. */
    public static String hugepageDir(long sizeKb) {
        return "hugepages-" + sizeKb + "kB";
    }

    /** {@code /sys/devices/system/node/node<N>/hugepages/hugepages-<kB>kB/<attr>}. */
    public static String nodeHugepages(int node, long sizeKb, String attr) {
        return NODE + "/node" + node + "/hugepages/" + hugepageDir(sizeKb) + "/" + attr;
    }

    /** {@code /sys/kernel/mm/hugepages/hugepages-<kB>kB/<attr>}. */
    public static String globalHugepages(long sizeKb, String attr) {
        return GLOBAL_HUGEPAGES + "/" + hugepageDir(sizeKb) + "/" + attr;
    }

    private static String join(String base, String... parts) {
        StringBuilder sb = new StringBuilder(base);
        for (String p : parts) {
            sb.append('/').append(p);
        }
        return sb.toString();
    }
}
