package io.dataplane.operator.host.sim;

import io.dataplane.operator.host.CpuList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lays out a realistic host tree in a directory and returns the simulated kernel over it.
 *
 * <pre>{@code
 * SimulatedKernelHostFs host = FakeHostBuilder.bareMetal()       // 2 NUMA nodes, SMT, IOMMU on
 *         .nic(HardwareProfile.INTEL_E810, 0)                     // ens1f0, ens1f1 on node 0
 *         .nic(HardwareProfile.MELLANOX_CX5, 1)                   // ens2f0, ens2f1 on node 1
 *         .nic(HardwareProfile.INTEL_QAT_4XXX, 1)
 *         .build(tempDir);
 * }</pre>
 *
 * Addresses and MACs depend only on the order of calls. Bare metal: cards of NUMA node 0 sit on
 * buses 18, 3b, 5e and those of node 1 on 86, af, d8 (as on two-socket Xeons), each behind root
 * port {@code <bus-1>:00.0}; PF k of a card is function k; netdevs are {@code ens<card>f<port>}.
 * VM: devices at {@code 0000:00:03.0} on, {@code numa_node} -1, netdevs {@code enp0s<slot>}, no
 * IOMMU (vfio needs no-IOMMU mode).
 */
public final class FakeHostBuilder {

    private static final int[][] NUMA_BUSES = {{0x18, 0x3b, 0x5e}, {0x86, 0xaf, 0xd8}};

    private record Card(HardwareProfile profile, int numaNode, int ports) {
    }

    private record Hugepages(int node, long sizeKb, int count) {
    }

    private final boolean vm;
    private int numaNodes;
    private int coresPerNode;
    private int threadsPerCore;
    private long memoryPerNodeMiB;
    private long hugepageMemoryPerNodeMiB;
    private boolean iommu;
    private boolean noIommuMode;
    private boolean vfioLoaded = true;
    private final List<Card> cards = new ArrayList<>();
    private final List<Hugepages> preallocated = new ArrayList<>();

    private FakeHostBuilder(boolean vm) {
        this.vm = vm;
    }

    /** A two-socket server: 2 NUMA nodes × 8 cores × 2 threads, 64 GiB per node, IOMMU on. */
    public static FakeHostBuilder bareMetal() {
        FakeHostBuilder b = new FakeHostBuilder(false);
        b.numaNodes = 2;
        b.coresPerNode = 8;
        b.threadsPerCore = 2;
        b.memoryPerNodeMiB = 65536;
        b.hugepageMemoryPerNodeMiB = 16384;
        b.iommu = true;
        return b;
    }

    /** A VM: 1 NUMA node, 4 vCPUs without SMT, 8 GiB, no vIOMMU, vfio loaded with no-IOMMU off. */
    public static FakeHostBuilder virtualMachine() {
        FakeHostBuilder b = new FakeHostBuilder(true);
        b.numaNodes = 1;
        b.coresPerNode = 4;
        b.threadsPerCore = 1;
        b.memoryPerNodeMiB = 8192;
        b.hugepageMemoryPerNodeMiB = 2048;
        b.iommu = false;
        return b;
    }

    public FakeHostBuilder numaNodes(int n) {
        this.numaNodes = n;
        return this;
    }

    public FakeHostBuilder coresPerNode(int n) {
        this.coresPerNode = n;
        return this;
    }

    public FakeHostBuilder threadsPerCore(int n) {
        this.threadsPerCore = n;
        return this;
    }

    public FakeHostBuilder memoryPerNodeMiB(long mib) {
        this.memoryPerNodeMiB = mib;
        return this;
    }

    /** Memory a node can give to huge pages at run time; allocation beyond it is partial. */
    public FakeHostBuilder hugepageMemoryPerNodeMiB(long mib) {
        this.hugepageMemoryPerNodeMiB = mib;
        return this;
    }

    public FakeHostBuilder iommu(boolean on) {
        this.iommu = on;
        return this;
    }

    /** vfio's enable_unsafe_noiommu_mode at start (VMs without a vIOMMU need it for DPDK). */
    public FakeHostBuilder noIommuMode(boolean on) {
        this.noIommuMode = on;
        return this;
    }

    /** Whether vfio-pci is loaded (its driver directory exists). */
    public FakeHostBuilder vfioLoaded(boolean loaded) {
        this.vfioLoaded = loaded;
        return this;
    }

    /** A card with the profile's usual number of ports. */
    public FakeHostBuilder nic(HardwareProfile profile, int numaNode) {
        return nic(profile, numaNode, profile.defaultPorts());
    }

    public FakeHostBuilder nic(HardwareProfile profile, int numaNode, int ports) {
        if (ports < 1 || ports > 8) {
            throw new IllegalArgumentException("1..8 ports");
        }
        cards.add(new Card(profile, numaNode, ports));
        return this;
    }

    /** Huge pages present at boot (from the kernel command line). */
    public FakeHostBuilder hugepages(int node, long sizeKb, int count) {
        preallocated.add(new Hugepages(node, sizeKb, count));
        return this;
    }

    public SimulatedKernelHostFs build(Path root) {
        SimulatedKernelHostFs k = new SimulatedKernelHostFs(root);
        k.iommu(iommu);
        k.put("sys/bus/pci/drivers_probe", "");
        k.mkdirs(SimulatedKernelHostFs.CLASS_NET);
        cpus(k);
        memory(k);
        Set<String> drivers = new LinkedHashSet<>();
        for (Card c : cards) {
            drivers.add(c.profile().pfDriver());
            if (c.profile().vfDriver() != null) {
                drivers.add(c.profile().vfDriver());
            }
        }
        if (vfioLoaded) {
            drivers.add("vfio-pci");
            k.put(SimulatedKernelHostFs.NOIOMMU, noIommuMode ? "Y" : "N");
            k.put("dev/vfio/vfio", "");
        }
        drivers.forEach(k::loadDriver);
        if (vm) {
            vmDevices(k);
        } else {
            bareMetalDevices(k);
        }
        return k;
    }

    private void bareMetalDevices(SimulatedKernelHostFs k) {
        int[] used = new int[numaNodes];
        int cardNo = 0;
        int macSerial = 0;
        for (Card c : cards) {
            cardNo++;
            if (c.numaNode() >= NUMA_BUSES.length || used[c.numaNode()] >= NUMA_BUSES[c.numaNode()].length) {
                throw new IllegalStateException("at most 3 cards on each of NUMA nodes 0 and 1");
            }
            int bus = NUMA_BUSES[c.numaNode()][used[c.numaNode()]++];
            String rootBus = String.format(Locale.ROOT, "%02x", bus - 1);
            String parent = "sys/devices/pci0000:" + rootBus + "/0000:" + rootBus + ":00.0";
            for (int port = 0; port < c.ports(); port++) {
                String bdf = String.format(Locale.ROOT, "0000:%02x:00.%d", bus, port);
                boolean net = c.profile().macOui() != null;
                String ifname = net ? "ens" + cardNo + "f" + port : null;
                String mac = net ? mac(c.profile(), ++macSerial) : null;
                k.plug(bdf, c.profile(), parent + "/" + bdf, c.numaNode(), ifname, mac);
            }
        }
    }

    private void vmDevices(SimulatedKernelHostFs k) {
        int slot = 3;
        int macSerial = 0;
        for (Card c : cards) {
            for (int port = 0; port < c.ports(); port++, slot++) {
                String bdf = String.format(Locale.ROOT, "0000:00:%02x.0", slot);
                boolean net = c.profile().macOui() != null;
                String ifname = net ? "enp0s" + slot : null;
                String mac = net ? mac(c.profile(), ++macSerial) : null;
                k.plug(bdf, c.profile(), "sys/devices/pci0000:00/" + bdf, -1, ifname, mac);
            }
        }
    }

    private static String mac(HardwareProfile p, int serial) {
        return String.format(Locale.ROOT, "%s:%02x:%02x:%02x", p.macOui(), 0x10, (serial >> 8) & 0xff, serial & 0xff);
    }

    /**
     * Linux numbering on Intel servers: the first threads of all cores come first, node by node;
     * the sibling of CPU c is c + (number of cores).
     */
    private void cpus(SimulatedKernelHostFs k) {
        int cores = numaNodes * coresPerNode;
        int total = cores * threadsPerCore;
        String all = CpuList.format(range(total));
        for (String f : List.of("online", "possible", "present")) {
            k.put("sys/devices/system/cpu/" + f, all);
        }
        for (int node = 0; node < numaNodes; node++) {
            Set<Integer> nodeCpus = new TreeSet<>();
            for (int c = 0; c < coresPerNode; c++) {
                int core = node * coresPerNode + c;
                Set<Integer> siblings = new TreeSet<>();
                for (int t = 0; t < threadsPerCore; t++) {
                    siblings.add(t * cores + core);
                }
                nodeCpus.addAll(siblings);
                for (int cpu : siblings) {
                    String d = "sys/devices/system/cpu/cpu" + cpu;
                    if (cpu != 0) {
                        k.put(d + "/online", "1");
                    }
                    k.put(d + "/topology/thread_siblings_list", CpuList.format(siblings));
                    k.put(d + "/topology/core_id", Integer.toString(c));
                    k.put(d + "/topology/physical_package_id", Integer.toString(vm ? 0 : node));
                    k.link(d + "/node" + node, "sys/devices/system/node/node" + node);
                }
            }
            k.put("sys/devices/system/node/node" + node + "/cpulist", CpuList.format(nodeCpus));
        }
        k.put("sys/devices/system/node/online", CpuList.format(range(numaNodes)));
        k.put("sys/devices/system/node/possible", CpuList.format(range(numaNodes)));
    }

    private void memory(SimulatedKernelHostFs k) {
        for (int node = 0; node < numaNodes; node++) {
            long kb = memoryPerNodeMiB * 1024;
            k.put("sys/devices/system/node/node" + node + "/meminfo", String.format(Locale.ROOT,
                    "Node %d MemTotal:       %d kB%nNode %d MemFree:        %d kB%nNode %d MemUsed:        %d kB",
                    node, kb, node, kb * 7 / 8, node, kb / 8));
            k.hugepageMemory(node, hugepageMemoryPerNodeMiB * 1024);
            final int n = node;
            for (long size : SimulatedKernelHostFs.HUGEPAGE_SIZES_KB) {
                String d = SimulatedKernelHostFs.nodeHpDir(node, size);
                int count = preallocated.stream().filter(h -> h.node() == n && h.sizeKb() == size)
                        .mapToInt(Hugepages::count).sum();
                k.put(d + "/nr_hugepages", Integer.toString(count));
                k.put(d + "/free_hugepages", Integer.toString(count));
                k.put(d + "/surplus_hugepages", "0");
            }
        }
        for (long size : SimulatedKernelHostFs.HUGEPAGE_SIZES_KB) {
            String g = "sys/kernel/mm/hugepages/hugepages-" + size + "kB";
            k.put(g + "/resv_hugepages", "0");
            k.put(g + "/surplus_hugepages", "0");
            k.put(g + "/nr_overcommit_hugepages", "0");
            k.syncGlobalHugepages(size);
        }
    }

    private static Set<Integer> range(int n) {
        Set<Integer> s = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }
}
