package io.dataplane.operator.host;

import io.dataplane.operator.api.v1alpha1.CpuInventory;
import io.dataplane.operator.api.v1alpha1.HugepageInventory;
import io.dataplane.operator.api.v1alpha1.HugepageSize;
import io.dataplane.operator.api.v1alpha1.NicInventory;
import io.dataplane.operator.api.v1alpha1.NodeInventory;
import io.dataplane.operator.api.v1alpha1.NumaNodeInventory;
import io.dataplane.operator.api.v1alpha1.VfInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the host has (PCI NICs and accelerators with their VFs, CPUs, NUMA nodes, huge
 * pages) into the API's {@link NodeInventory}. Reads only; the kubelet and OVS parts are filled by
 * their own readers.
 */
public final class HostInventoryReader {

    /** virtio-net in a VM: 1000 is the transitional device, 1041 the modern (virtio 1.0) one. */
    static final String VIRTIO_VENDOR = "1af4";
    static final Set<String> VIRTIO_NET_DEVICES = Set.of("1000", "1041");

    private final HostFs fs;

    public HostInventoryReader(HostFs fs) {
        this.fs = fs;
    }

    public NodeInventory read() {
        NodeInventory inv = new NodeInventory();
        inv.setNics(readPciDevices());
        inv.setCpus(readCpus());
        inv.setHugepages(readHugepages());
        inv.setVfioNoIommu(fs.readIfExists(SysfsPaths.VFIO_NOIOMMU).map(v -> v.equals("Y") || v.equals("1")).orElse(null));
        return inv;
    }

    /**
     * Network devices (class 0x02xxxx) and processing accelerators (0x0b40xx). VFs are listed under
     * their PF; a VF without a {@code physfn} (passed through into a VM) is a device of its own.
     */
    public List<NicInventory> readPciDevices() {
        List<NicInventory> out = new ArrayList<>();
        for (String bdf : fs.list(SysfsPaths.PCI_DEVICES)) {
            String kind = kindOf(bdf);
            if (kind == null || fs.readLink(SysfsPaths.pciDevice(bdf, "physfn")).isPresent()) {
                continue;
            }
            out.add(readDevice(bdf, kind));
        }
        return out;
    }

    /** Reads one PCI device; null class when it is neither a NIC nor an accelerator. */
    public NicInventory readDevice(String bdf) {
        String kind = kindOf(bdf);
        return readDevice(bdf, kind);
    }

    private NicInventory readDevice(String bdf, String kind) {
        NicInventory nic = new NicInventory();
        nic.setPciAddress(bdf);
        nic.setVendor(hexId(SysfsPaths.pciDevice(bdf, "vendor")));
        nic.setDeviceID(hexId(SysfsPaths.pciDevice(bdf, "device")));
        nic.setDeviceClass(kind);
        nic.setDriver(driverOf(bdf).orElse(null));
        nic.setNumaNode(fs.readIfExists(SysfsPaths.pciDevice(bdf, "numa_node")).map(Integer::parseInt).orElse(null));
        netdevOf(bdf).ifPresent(ifname -> {
            nic.setName(ifname);
            nic.setMtu(intOrNull(SysfsPaths.netdev(ifname, "mtu")));
            nic.setMac(fs.readIfExists(SysfsPaths.netdev(ifname, "address")).orElse(null));
            nic.setLinkState(fs.readIfExists(SysfsPaths.netdev(ifname, "operstate")).orElse(null));
            nic.setSpeedMbps(speedOf(ifname));
        });
        Optional<String> total = fs.readIfExists(SysfsPaths.pciDevice(bdf, "sriov_totalvfs"));
        if (total.isPresent()) {
            nic.setTotalVfs(Integer.parseInt(total.get()));
            nic.setNumVfs(intOrNull(SysfsPaths.pciDevice(bdf, "sriov_numvfs")));
            nic.setVfs(readVfs(bdf));
            String vfDevice = fs.readIfExists(SysfsPaths.pciDevice(bdf, "sriov_vf_device")).map(HostInventoryReader::stripHex)
                    .orElse(nic.getVfs().isEmpty() ? null : nic.getVfs().get(0).getDeviceID());
            nic.setVfDeviceID(vfDevice);
        }
        return nic;
    }

    private List<VfInventory> readVfs(String pf) {
        List<VfInventory> vfs = new ArrayList<>();
        for (String entry : fs.list(SysfsPaths.pciDevice(pf))) {
            if (!entry.startsWith("virtfn")) {
                continue;
            }
            Optional<String> vfBdf = fs.linkName(SysfsPaths.pciDevice(pf, entry));
            if (vfBdf.isEmpty()) {
                continue;
            }
            String bdf = vfBdf.get();
            VfInventory vf = new VfInventory();
            vf.setIndex(Integer.parseInt(entry.substring("virtfn".length())));
            vf.setPciAddress(bdf);
            vf.setDeviceID(hexId(SysfsPaths.pciDevice(bdf, "device")));
            vf.setDriver(driverOf(bdf).orElse(null));
            netdevOf(bdf).ifPresent(ifname -> {
                vf.setName(ifname);
                vf.setMtu(intOrNull(SysfsPaths.netdev(ifname, "mtu")));
                vf.setMac(fs.readIfExists(SysfsPaths.netdev(ifname, "address")).orElse(null));
            });
            vfs.add(vf);
        }
        vfs.sort(Comparator.comparing(VfInventory::getIndex));
        return vfs;
    }

    /** "network", "virtio", "accelerator", or null for any other device. */
    private String kindOf(String bdf) {
        Optional<String> cls = fs.readIfExists(SysfsPaths.pciDevice(bdf, "class"));
        if (cls.isEmpty()) {
            return null;
        }
        String c = stripHex(cls.get());
        if (c.startsWith("02")) {
            String vendor = hexId(SysfsPaths.pciDevice(bdf, "vendor"));
            String device = hexId(SysfsPaths.pciDevice(bdf, "device"));
            return VIRTIO_VENDOR.equals(vendor) && VIRTIO_NET_DEVICES.contains(device) ? "virtio" : "network";
        }
        if (c.startsWith("0b40")) {
            return "accelerator";
        }
        return null;
    }

    private Optional<String> driverOf(String bdf) {
        return fs.linkName(SysfsPaths.pciDevice(bdf, "driver"));
    }

    /**
     * The kernel netdev of a PCI device: {@code net/<if>} for most drivers, {@code virtioN/net/<if>}
     * for virtio-pci, where the netdev belongs to the virtio device below the PCI one.
     */
    public Optional<String> netdevOf(String bdf) {
        List<String> names = fs.list(SysfsPaths.pciDevice(bdf, "net"));
        if (!names.isEmpty()) {
            return Optional.of(names.get(0));
        }
        for (String entry : fs.list(SysfsPaths.pciDevice(bdf))) {
            if (entry.startsWith("virtio")) {
                List<String> vnames = fs.list(SysfsPaths.pciDevice(bdf, entry, "net"));
                if (!vnames.isEmpty()) {
                    return Optional.of(vnames.get(0));
                }
            }
        }
        return Optional.empty();
    }

    /** Link speed in Mb/s; null while the link is down (the kernel answers EINVAL) or unknown (-1). */
    private Integer speedOf(String ifname) {
        try {
            int speed = fs.readInt(SysfsPaths.netdev(ifname, "speed"));
            return speed > 0 ? speed : null;
        } catch (HostReadException e) {
            if (e.errno() == Errno.EINVAL || e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }

    public CpuInventory readCpus() {
        Optional<String> online = fs.readIfExists(SysfsPaths.CPU + "/online");
        if (online.isEmpty()) {
            return null;
        }
        CpuInventory cpus = new CpuInventory();
        cpus.setOnline(online.get());
        for (int node : numaNodes()) {
            NumaNodeInventory n = new NumaNodeInventory();
            n.setId(node);
            n.setCpus(fs.readIfExists(SysfsPaths.NODE + "/node" + node + "/cpulist").orElse(null));
            n.setMemoryMiB(memTotalMiB(node));
            cpus.getNumaNodes().add(n);
        }
        // Only groups of two or more: a host without SMT has no sibling groups to report.
        Set<String> groups = new LinkedHashSet<>();
        for (int cpu : CpuList.parse(online.get())) {
            fs.readIfExists(SysfsPaths.CPU + "/cpu" + cpu + "/topology/thread_siblings_list")
                    .map(s -> CpuList.format(CpuList.parse(s)))
                    .filter(s -> CpuList.parse(s).size() > 1)
                    .ifPresent(groups::add);
        }
        cpus.setSmtSiblings(new ArrayList<>(groups));
        return cpus;
    }

    private Long memTotalMiB(int node) {
        // "Node 0 MemTotal:       65536000 kB"
        return fs.readIfExists(SysfsPaths.NODE + "/node" + node + "/meminfo").flatMap(text -> text.lines()
                .map(String::strip)
                .filter(l -> l.contains("MemTotal:"))
                .findFirst()
                .map(l -> {
                    String[] f = l.split("\\s+");
                    return Long.parseLong(f[f.length - 2]) / 1024;
                })).orElse(null);
    }

    /** NUMA node numbers, ascending. */
    public List<Integer> numaNodes() {
        return fs.list(SysfsPaths.NODE).stream()
                .filter(n -> n.matches("node\\d+"))
                .map(n -> Integer.parseInt(n.substring(4)))
                .sorted()
                .toList();
    }

    /** Per NUMA node and size where the host has NUMA nodes in sysfs, else the global counts. */
    public List<HugepageInventory> readHugepages() {
        List<HugepageInventory> out = new ArrayList<>();
        List<Integer> nodes = numaNodes();
        for (HugepageSize size : HugepageSize.values()) {
            long kb = sizeKb(size);
            if (nodes.isEmpty()) {
                hugepages(size, null, SysfsPaths.globalHugepages(kb, "nr_hugepages"),
                        SysfsPaths.globalHugepages(kb, "free_hugepages")).ifPresent(out::add);
            }
            for (int node : nodes) {
                hugepages(size, node, SysfsPaths.nodeHugepages(node, kb, "nr_hugepages"),
                        SysfsPaths.nodeHugepages(node, kb, "free_hugepages")).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<HugepageInventory> hugepages(HugepageSize size, Integer node, String nrPath, String freePath) {
        return fs.readIfExists(nrPath).map(nr -> {
            HugepageInventory h = new HugepageInventory();
            h.setSize(size);
            h.setNumaNode(node);
            h.setTotal(Integer.parseInt(nr));
            h.setFree(intOrNull(freePath));
            return h;
        });
    }

    /** Size of a huge page in kB, as sysfs names its directories. */
    public static long sizeKb(HugepageSize size) {
        return switch (size) {
            case SIZE_2MI -> 2048L;
            case SIZE_1GI -> 1048576L;
        };
    }

    private Integer intOrNull(String path) {
        return fs.readIfExists(path).map(Integer::parseInt).orElse(null);
    }

    private String hexId(String path) {
        return fs.readIfExists(path).map(HostInventoryReader::stripHex).orElse(null);
    }

    /** "0x8086" → "8086", as the device plugin's selectors spell ids. */
    static String stripHex(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("0x") ? s.substring(2) : s;
    }
}
