package io.dataplane.operator.host.sim;

import io.dataplane.operator.host.Errno;
import io.dataplane.operator.host.HostFs;
import io.dataplane.operator.host.HostReadException;
import io.dataplane.operator.host.HostWriteException;
import io.dataplane.operator.host.RootedHostFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link HostFs} that behaves like the Linux kernel behind a sysfs tree in a directory: reads go
 * to the files, and writes to the attributes the agent uses have the kernel's effects and errors
 * (drivers/pci/pci-sysfs.c, iov.c, drivers/base/bus.c, mm/hugetlb.c). Build one with
 * {@link FakeHostBuilder}; each instance is one simulated host, so one process can run many.
 *
 * <p>Writes are matched by real path (symlinks followed), so {@code /sys/bus/pci/devices/X/a},
 * {@code /sys/devices/.../X/a} and {@code /sys/bus/pci/drivers/d/X/a} are the same attribute, as
 * on a real host. Attributes it does not model are read-only (EACCES), like sysfs files without a
 * store method. Paths outside {@code /sys} pass through to the directory.
 *
 * <p>Tests steer it with {@link #failNextWrite}, {@link #failNextRead}, {@link #crashAfterWrites},
 * {@link #limitVfs}, {@link #setLink} and {@link #useHugepages}; {@link #writes()} lists what was
 * written.
 */
public final class SimulatedKernelHostFs implements HostFs {

    static final String DRIVERS = "sys/bus/pci/drivers";
    static final String BUS_DEVICES = "sys/bus/pci/devices";
    static final String CLASS_NET = "sys/class/net";
    static final String IOMMU_GROUPS = "sys/kernel/iommu_groups";
    static final String NOIOMMU = "sys/module/vfio/parameters/enable_unsafe_noiommu_mode";
    static final long[] HUGEPAGE_SIZES_KB = {2048, 1048576};
    private static final int WRITE_LOG_LIMIT = 2000;

    private static final Pattern NODE_HP = Pattern.compile("sys/devices/system/node/node(\\d+)/hugepages/hugepages-(\\d+)kB/nr_hugepages");
    private static final Pattern GLOBAL_HP = Pattern.compile("sys/kernel/mm/hugepages/hugepages-(\\d+)kB/nr_hugepages");
    private static final Pattern DRIVER_FILE = Pattern.compile(DRIVERS + "/([^/]+)/(bind|unbind|new_id|remove_id)");

    /** What the kernel knows about a PCI device beyond its sysfs files. */
    static final class Dev {
        final String bdf;
        final HardwareProfile profile;
        final String dir; // real directory, relative to the root
        final String vendor;
        final String device;
        final Dev pf; // null for a PF
        final int vfIndex;
        final int numaNode;
        final String ifname; // kernel netdev name while a netdev driver is bound; null if none
        final String mac;
        Integer iommuGroup;
        boolean noIommuGroup;
        int virtioIndex = -1;
        final Map<Integer, Dev> vfs = new LinkedHashMap<>();

        Dev(String bdf, HardwareProfile profile, String dir, String vendor, String device, Dev pf, int vfIndex,
                int numaNode, String ifname, String mac) {
            this.bdf = bdf;
            this.profile = profile;
            this.dir = dir;
            this.vendor = vendor;
            this.device = device;
            this.pf = pf;
            this.vfIndex = vfIndex;
            this.numaNode = numaNode;
            this.ifname = ifname;
            this.mac = mac;
        }
    }

    private final RootedHostFs files;
    private final Path root;
    private final Map<String, Dev> devices = new LinkedHashMap<>();
    private final Map<Integer, Long> hugepageMemoryKb = new HashMap<>();
    private final Map<String, Integer> vfLimits = new HashMap<>();
    private final Map<String, Deque<Errno>> writeFaults = new HashMap<>();
    private final Map<String, Deque<Errno>> readFaults = new HashMap<>();
    private final List<String> writeLog = new ArrayList<>();
    private boolean iommu;
    private int nextIommuGroup = 1;
    private int nextVirtio;
    private int crashCountdown = -1;

    SimulatedKernelHostFs(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.files = new RootedHostFs(this.root);
    }

    /** The directory that stands for the host's {@code /}. */
    public Path root() {
        return root;
    }

    // ---------------------------------------------------------------- HostFs

    @Override
    public synchronized String read(String path) {
        // The real path (links followed) only when something depends on it: a read of a file is no kernel work.
        String rel = readFaults.isEmpty() && !path.endsWith("/speed") ? null : realRelative(path).orElse(null);
        if (rel != null) {
            Errno fault = next(readFaults, rel);
            if (fault != null) {
                throw new HostReadException(path, fault, "injected", null);
            }
            // speed of a link that is not up: the driver's get_link_ksettings is not asked, EINVAL.
            if (rel.endsWith("/speed") && rel.contains("/net/")) {
                String operstate = files.read(parentOf(rel) + "/operstate");
                if (!operstate.equals("up")) {
                    throw new HostReadException(path, Errno.EINVAL, null, null);
                }
            }
        }
        return files.read(path);
    }

    @Override
    public synchronized void write(String path, String value) {
        String rel = realRelative(path).orElse(null);
        if (rel == null) {
            throw new HostWriteException(path, value, Errno.ENOENT, null, null);
        }
        Errno fault = next(writeFaults, rel);
        if (fault != null) {
            throw new HostWriteException(path, value, fault, "injected", null);
        }
        store(path, rel, value);
        if (writeLog.size() >= WRITE_LOG_LIMIT) {
            writeLog.remove(0);
        }
        writeLog.add(path + "=" + value.strip());
        if (crashCountdown > 0 && --crashCountdown == 0) {
            crashCountdown = -1;
            throw new SimulatedCrash("simulated crash after writing '" + value.strip() + "' to " + path);
        }
    }

    @Override
    public synchronized void writeFile(String path, String content) {
        refuseSysfs(path, content);
        files.writeFile(path, content);
    }

    @Override
    public synchronized boolean delete(String path) {
        refuseSysfs(path, "");
        return files.delete(path);
    }

    @Override
    public synchronized List<String> list(String dir) {
        return files.list(dir);
    }

    @Override
    public synchronized Optional<String> readLink(String path) {
        return files.readLink(path);
    }

    @Override
    public synchronized boolean exists(String path) {
        return files.exists(path);
    }

    // ---------------------------------------------------------------- test hooks

    /** The next write to this attribute (any alias of it) fails with the errno and changes nothing. */
    public synchronized void failNextWrite(String path, Errno errno) {
        writeFaults.computeIfAbsent(realRelative(path).orElseThrow(() -> missing(path)), k -> new ArrayDeque<>()).add(errno);
    }

    /** The next read of this file fails with the errno. */
    public synchronized void failNextRead(String path, Errno errno) {
        readFaults.computeIfAbsent(realRelative(path).orElseThrow(() -> missing(path)), k -> new ArrayDeque<>()).add(errno);
    }

    /**
     * The n-th write from now is applied and then {@link SimulatedCrash} is thrown, as if the agent
     * died right after it: e.g. between writing 0 and writing N to sriov_numvfs.
     */
    public synchronized void crashAfterWrites(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
        crashCountdown = n;
    }

    /** The PF driver enables at most this many VFs, whatever is asked (the write still succeeds). */
    public synchronized void limitVfs(String pfBdf, int max) {
        vfLimits.put(pfBdf, max);
    }

    /** Sets a netdev's carrier: up with a speed, or down (speed then reads EINVAL). */
    public synchronized void setLink(String ifname, boolean up, int speedMbps) {
        String dir = realRelative("/" + CLASS_NET + "/" + ifname).orElseThrow(() -> missing(ifname));
        put(dir + "/operstate", up ? "up" : "down");
        put(dir + "/speed", Integer.toString(speedMbps));
    }

    /** Marks pages as used by a workload: they stay when nr_hugepages is lowered. */
    public synchronized void useHugepages(int node, long sizeKb, int pages) {
        String d = nodeHpDir(node, sizeKb);
        int free = Integer.parseInt(get(d + "/free_hugepages"));
        if (pages > free) {
            throw new IllegalArgumentException("only " + free + " free pages");
        }
        put(d + "/free_hugepages", Integer.toString(free - pages));
        syncGlobalHugepages(sizeKb);
    }

    /** The writes applied so far, as "path=value", oldest first (the last 2000). */
    public synchronized List<String> writes() {
        return List.copyOf(writeLog);
    }

    // ---------------------------------------------------------------- building (FakeHostBuilder)

    void iommu(boolean on) {
        this.iommu = on;
    }

    void hugepageMemory(int node, long kb) {
        hugepageMemoryKb.put(node, kb);
    }

    /** Adds a PCI device as the firmware enumerated it, then probes its default driver. */
    synchronized Dev plug(String bdf, HardwareProfile profile, String dir, int numaNode, String ifname, String mac) {
        Dev d = new Dev(bdf, profile, dir, profile.vendor(), profile.device(), null, -1, numaNode, ifname, mac);
        createDeviceFiles(d);
        if (profile.sriov()) {
            put(dir + "/sriov_totalvfs", Integer.toString(profile.totalVfs()));
            put(dir + "/sriov_numvfs", "0");
            put(dir + "/sriov_drivers_autoprobe", "1");
            put(dir + "/sriov_offset", Integer.toString(vfOffset(d)));
            put(dir + "/sriov_stride", "1");
            put(dir + "/sriov_vf_device", profile.vfDevice());
        }
        attach(d, profile.pfDriver());
        return d;
    }

    /** Creates a driver's directory as loading its module does. */
    void loadDriver(String driver) {
        String d = DRIVERS + "/" + driver;
        mkdirs(d);
        for (String f : List.of("bind", "unbind", "new_id", "remove_id")) {
            put(d + "/" + f, "");
        }
    }

    // ---------------------------------------------------------------- store methods

    private void store(String path, String rel, String value) {
        String v = value.strip();
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        Matcher m;
        if (rel.equals("sys/bus/pci/drivers_probe")) {
            driversProbe(path, value, v);
        } else if ((m = DRIVER_FILE.matcher(rel)).matches()) {
            driverFile(path, value, m.group(1), m.group(2), v);
        } else if ((m = NODE_HP.matcher(rel)).matches()) {
            setNodeHugepages(path, value, Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), v);
        } else if ((m = GLOBAL_HP.matcher(rel)).matches()) {
            setGlobalHugepages(path, value, Long.parseLong(m.group(1)), v);
        } else if (rel.equals(NOIOMMU)) {
            switch (v) {
                case "Y", "y", "1" -> put(rel, "Y");
                case "N", "n", "0" -> put(rel, "N");
                default -> throw new HostWriteException(path, value, Errno.EINVAL, null, null);
            }
        } else if (name.equals("mtu") && parentOf(parentOf(rel)).endsWith("/net")) {
            setMtu(path, value, rel, v);
        } else if (deviceAt(parentOf(rel)) != null) {
            Dev d = deviceAt(parentOf(rel));
            switch (name) {
                case "sriov_numvfs" -> setNumVfs(path, value, d, v);
                case "sriov_drivers_autoprobe" -> put(rel, parseUnsigned(path, value, v) == 0 ? "0" : "1");
                case "driver_override" -> put(rel, v.isEmpty() ? "(null)" : v);
                default -> throw new HostWriteException(path, value, Errno.EACCES, null, null);
            }
        } else if (rel.startsWith("sys/") || rel.startsWith("proc/")) {
            throw new HostWriteException(path, value, Errno.EACCES, null, null);
        } else {
            files.write(path, value);
        }
    }

    /** drivers/pci/iov.c sriov_numvfs_store, in the kernel's order of checks. */
    private void setNumVfs(String path, String raw, Dev pf, String v) {
        int n = parseUnsigned(path, raw, v);
        if (n > pf.profile.totalVfs()) {
            throw new HostWriteException(path, raw, Errno.ERANGE, null, null);
        }
        if (n == pf.vfs.size()) {
            return;
        }
        Optional<String> driver = driverOf(pf);
        if (driver.isEmpty() || !HardwareProfile.canConfigureSriov(driver.get())) {
            throw new HostWriteException(path, raw, Errno.ENOENT, "Driver does not support SRIOV configuration via sysfs", null);
        }
        if (n == 0) {
            removeVfs(pf);
            return;
        }
        if (!pf.vfs.isEmpty()) {
            throw new HostWriteException(path, raw, Errno.EBUSY, pf.vfs.size() + " VFs already enabled. Disable before enabling " + n + " VFs", null);
        }
        int enabled = Math.min(n, vfLimits.getOrDefault(pf.bdf, n));
        boolean autoprobe = get(pf.dir + "/sriov_drivers_autoprobe").equals("1");
        for (int i = 0; i < enabled; i++) {
            addVf(pf, i, autoprobe);
        }
        put(pf.dir + "/sriov_numvfs", Integer.toString(enabled));
    }

    private void addVf(Dev pf, int i, boolean autoprobe) {
        int rid = rid(pf.bdf) + vfOffset(pf) + i;
        String bdf = bdf(pf.bdf.substring(0, 4), rid);
        String dir = parentOf(pf.dir) + "/" + bdf;
        boolean netdev = HardwareProfile.makesNetdev(pf.profile.vfDriver());
        String ifname = netdev && pf.ifname != null ? pf.ifname + "v" + i : null;
        Dev vf = new Dev(bdf, pf.profile, dir, pf.profile.vendor(), pf.profile.vfDevice(), pf, i, pf.numaNode, ifname,
                vfMac(pf, i));
        createDeviceFiles(vf);
        link(dir + "/physfn", pf.dir);
        link(pf.dir + "/virtfn" + i, dir);
        pf.vfs.put(i, vf);
        if (autoprobe) {
            attach(vf, pf.profile.vfDriver());
        }
    }

    private void removeVfs(Dev pf) {
        List<Dev> vfs = new ArrayList<>(pf.vfs.values());
        for (Dev vf : vfs) {
            driverOf(vf).ifPresent(drv -> detach(vf, drv));
            if (vf.iommuGroup != null) {
                deleteTree(IOMMU_GROUPS + "/" + vf.iommuGroup);
            }
            deleteTree(pf.dir + "/virtfn" + vf.vfIndex);
            deleteTree(BUS_DEVICES + "/" + vf.bdf);
            deleteTree(vf.dir);
            devices.remove(vf.bdf);
        }
        pf.vfs.clear();
        put(pf.dir + "/sriov_numvfs", "0");
    }

    /** drivers/base/bus.c bind_store / unbind_store. */
    private void driverFile(String path, String raw, String driver, String op, String v) {
        Dev d = devices.get(v);
        switch (op) {
            case "unbind" -> {
                if (d == null || !driverOf(d).map(driver::equals).orElse(false)) {
                    throw new HostWriteException(path, raw, Errno.ENODEV, null, null);
                }
                detach(d, driver);
            }
            case "bind" -> {
                if (d == null || !matches(d, driver)) {
                    throw new HostWriteException(path, raw, Errno.ENODEV, null, null);
                }
                if (driverOf(d).isPresent()) {
                    throw new HostWriteException(path, raw, Errno.EBUSY, null, null);
                }
                if (!attach(d, driver)) {
                    throw new HostWriteException(path, raw, Errno.EINVAL, "probe failed", null);
                }
            }
            default -> {
                // new_id / remove_id: accepted; dynamic ids are not modelled (use driver_override).
            }
        }
    }

    /** drivers_probe: attach the device to driver_override if set, else to its default driver. */
    private void driversProbe(String path, String raw, String v) {
        Dev d = devices.get(v);
        if (d == null) {
            throw new HostWriteException(path, raw, Errno.ENODEV, null, null);
        }
        if (driverOf(d).isPresent()) {
            return;
        }
        String override = get(d.dir + "/driver_override");
        String driver = override.equals("(null)")
                ? HardwareProfile.defaultDriver(d.vendor, d.device).orElse(null)
                : override;
        if (driver != null && Files.isDirectory(root.resolve(DRIVERS + "/" + driver))) {
            attach(d, driver); // a failed probe leaves the device unbound; the write still succeeds
        }
    }

    /** pci_match_device: driver_override decides alone when set; else the driver's id table. */
    private boolean matches(Dev d, String driver) {
        String override = get(d.dir + "/driver_override");
        if (!override.equals("(null)")) {
            return override.equals(driver);
        }
        return HardwareProfile.defaultDriver(d.vendor, d.device).map(driver::equals).orElse(false);
    }

    /** Probe: links the driver, creates what the driver creates. False when the probe fails. */
    private boolean attach(Dev d, String driver) {
        if (driver == null || !Files.isDirectory(root.resolve(DRIVERS + "/" + driver))) {
            return false;
        }
        if (driver.equals("vfio-pci") && !vfioGroup(d)) {
            return false; // vfio-pci probe: no IOMMU group and no no-IOMMU mode
        }
        link(d.dir + "/driver", DRIVERS + "/" + driver);
        link(DRIVERS + "/" + driver + "/" + d.bdf, d.dir);
        if (HardwareProfile.makesNetdev(driver) && d.ifname != null) {
            createNetdev(d);
        }
        return true;
    }

    /** Remove: undoes the driver's work. A PF driver disables SR-IOV when it goes. */
    private void detach(Dev d, String driver) {
        if (!d.vfs.isEmpty()) {
            removeVfs(d);
        }
        if (HardwareProfile.makesNetdev(driver) && d.ifname != null) {
            removeNetdev(d);
        }
        if (driver.equals("vfio-pci")) {
            if (d.noIommuGroup) {
                deleteFile("dev/vfio/noiommu-" + d.iommuGroup);
                deleteTree(IOMMU_GROUPS + "/" + d.iommuGroup);
                deleteTree(d.dir + "/iommu_group");
                d.iommuGroup = null;
                d.noIommuGroup = false;
            } else if (d.iommuGroup != null) {
                deleteFile("dev/vfio/" + d.iommuGroup);
            }
        }
        deleteTree(d.dir + "/driver");
        deleteTree(DRIVERS + "/" + driver + "/" + d.bdf);
    }

    private boolean vfioGroup(Dev d) {
        if (d.iommuGroup != null) {
            put("dev/vfio/" + d.iommuGroup, "");
            return true;
        }
        if (Files.exists(root.resolve(NOIOMMU)) && get(NOIOMMU).equals("Y")) {
            d.iommuGroup = nextIommuGroup++;
            d.noIommuGroup = true;
            mkdirs(IOMMU_GROUPS + "/" + d.iommuGroup + "/devices");
            link(IOMMU_GROUPS + "/" + d.iommuGroup + "/devices/" + d.bdf, d.dir);
            link(d.dir + "/iommu_group", IOMMU_GROUPS + "/" + d.iommuGroup);
            put("dev/vfio/noiommu-" + d.iommuGroup, "");
            return true;
        }
        return false;
    }

    private void setMtu(String path, String raw, String rel, String v) {
        String ifname = parentOf(rel).substring(parentOf(rel).lastIndexOf('/') + 1);
        int max = devices.values().stream().filter(d -> ifname.equals(d.ifname)).findFirst()
                .map(d -> d.profile.maxMtu()).orElse(65535);
        int mtu;
        try {
            mtu = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new HostWriteException(path, raw, Errno.EINVAL, null, null);
        }
        if (mtu < 68 || mtu > max) {
            throw new HostWriteException(path, raw, Errno.EINVAL, "mtu must be 68.." + max, null);
        }
        put(rel, Integer.toString(mtu));
    }

    /**
     * Per-node nr_hugepages: allocation takes what the node's free memory allows (the rest is
     * silently not allocated); shrinking frees only free pages.
     */
    private void setNodeHugepages(String path, String raw, int node, long sizeKb, String v) {
        int want = parseUnsigned(path, raw, v);
        String d = nodeHpDir(node, sizeKb);
        int nr = Integer.parseInt(get(d + "/nr_hugepages"));
        int free = Integer.parseInt(get(d + "/free_hugepages"));
        int used = nr - free;
        int target;
        if (want >= nr) {
            long fit = availableKb(node) / sizeKb;
            target = (int) Math.min(want, nr + fit);
        } else {
            target = Math.max(want, used);
        }
        put(d + "/nr_hugepages", Integer.toString(target));
        put(d + "/free_hugepages", Integer.toString(target - used));
        syncGlobalHugepages(sizeKb);
    }

    /** Global nr_hugepages: the kernel spreads pages over the nodes round-robin. */
    private void setGlobalHugepages(String path, String raw, long sizeKb, String v) {
        int want = parseUnsigned(path, raw, v);
        List<Integer> nodes = hugepageMemoryKb.keySet().stream().sorted().toList();
        int total = nodes.stream().mapToInt(n -> Integer.parseInt(get(nodeHpDir(n, sizeKb) + "/nr_hugepages"))).sum();
        boolean progress = true;
        while (total != want && progress) {
            progress = false;
            for (int n : nodes) {
                if (total == want) {
                    break;
                }
                String d = nodeHpDir(n, sizeKb);
                int nr = Integer.parseInt(get(d + "/nr_hugepages"));
                int free = Integer.parseInt(get(d + "/free_hugepages"));
                if (want > total && availableKb(n) >= sizeKb) {
                    put(d + "/nr_hugepages", Integer.toString(nr + 1));
                    put(d + "/free_hugepages", Integer.toString(free + 1));
                    total++;
                    progress = true;
                } else if (want < total && free > 0) {
                    put(d + "/nr_hugepages", Integer.toString(nr - 1));
                    put(d + "/free_hugepages", Integer.toString(free - 1));
                    total--;
                    progress = true;
                }
            }
        }
        syncGlobalHugepages(sizeKb);
    }

    private long availableKb(int node) {
        long reserved = 0;
        for (long size : HUGEPAGE_SIZES_KB) {
            String d = nodeHpDir(node, size);
            if (Files.exists(root.resolve(d))) {
                reserved += Long.parseLong(get(d + "/nr_hugepages")) * size;
            }
        }
        return Math.max(0, hugepageMemoryKb.getOrDefault(node, 0L) - reserved);
    }

    void syncGlobalHugepages(long sizeKb) {
        int nr = 0;
        int free = 0;
        for (int n : hugepageMemoryKb.keySet()) {
            String d = nodeHpDir(n, sizeKb);
            nr += Integer.parseInt(get(d + "/nr_hugepages"));
            free += Integer.parseInt(get(d + "/free_hugepages"));
        }
        String g = "sys/kernel/mm/hugepages/hugepages-" + sizeKb + "kB";
        put(g + "/nr_hugepages", Integer.toString(nr));
        put(g + "/free_hugepages", Integer.toString(free));
    }

    static String nodeHpDir(int node, long sizeKb) {
        return "sys/devices/system/node/node" + node + "/hugepages/hugepages-" + sizeKb + "kB";
    }

    // ---------------------------------------------------------------- tree helpers

    private void createDeviceFiles(Dev d) {
        mkdirs(d.dir);
        put(d.dir + "/vendor", "0x" + d.vendor);
        put(d.dir + "/device", "0x" + d.device);
        put(d.dir + "/class", d.profile.pciClass());
        put(d.dir + "/numa_node", Integer.toString(d.numaNode));
        put(d.dir + "/driver_override", "(null)");
        link(BUS_DEVICES + "/" + d.bdf, d.dir);
        if (iommu) {
            d.iommuGroup = nextIommuGroup++;
            mkdirs(IOMMU_GROUPS + "/" + d.iommuGroup + "/devices");
            link(IOMMU_GROUPS + "/" + d.iommuGroup + "/devices/" + d.bdf, d.dir);
            link(d.dir + "/iommu_group", IOMMU_GROUPS + "/" + d.iommuGroup);
        }
        devices.put(d.bdf, d);
    }

    private void createNetdev(Dev d) {
        String owner = d.dir;
        if (d.profile.virtio()) {
            if (d.virtioIndex < 0) {
                d.virtioIndex = nextVirtio++;
            }
            owner = d.dir + "/virtio" + d.virtioIndex;
            mkdirs("sys/bus/virtio/drivers/virtio_net");
            mkdirs(owner);
            link(owner + "/driver", "sys/bus/virtio/drivers/virtio_net");
        }
        String n = owner + "/net/" + d.ifname;
        mkdirs(n);
        put(n + "/mtu", "1500");
        put(n + "/address", d.mac);
        // A PF comes up with its link; a new VF netdev is administratively down until someone ups it.
        boolean up = d.pf == null;
        put(n + "/operstate", up ? "up" : "down");
        put(n + "/speed", Integer.toString(d.profile.speedMbps()));
        link(n + "/device", owner);
        link(CLASS_NET + "/" + d.ifname, n);
    }

    private void removeNetdev(Dev d) {
        deleteTree(CLASS_NET + "/" + d.ifname);
        if (d.profile.virtio()) {
            deleteTree(d.dir + "/virtio" + d.virtioIndex);
        } else {
            deleteTree(d.dir + "/net");
        }
    }

    private Optional<String> driverOf(Dev d) {
        return files.linkName("/" + d.dir + "/driver");
    }

    private Dev deviceAt(String dir) {
        for (Dev d : devices.values()) {
            if (d.dir.equals(dir)) {
                return d;
            }
        }
        return null;
    }

    static int vfOffset(Dev pf) {
        int k = rid(pf.bdf) & 0x7;
        // PF k (function k) puts its VFs after those of PFs 0..k-1, so the ranges never overlap.
        return pf.profile.firstVfOffset() - k + k * pf.profile.totalVfs();
    }

    static int rid(String bdf) {
        String[] p = bdf.split("[:.]");
        int bus = Integer.parseInt(p[1], 16);
        int dev = Integer.parseInt(p[2], 16);
        int fn = Integer.parseInt(p[3], 16);
        return (bus << 8) | (dev << 3) | fn;
    }

    static String bdf(String domain, int rid) {
        return String.format(Locale.ROOT, "%s:%02x:%02x.%x", domain, (rid >> 8) & 0xff, (rid >> 3) & 0x1f, rid & 0x7);
    }

    private static String vfMac(Dev pf, int i) {
        // Deterministic, locally administered: 02 + the PF's last three bytes + the VF index.
        String[] b = pf.mac != null ? pf.mac.split(":") : new String[] {"00", "00", "00", "00", "00", "00"};
        return String.format(Locale.ROOT, "02:%s:%s:%s:%02x:%02x", b[3], b[4], b[5], (i >> 8) & 0xff, i & 0xff);
    }

    private static int parseUnsigned(String path, String raw, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HostWriteException(path, raw, Errno.EINVAL, null, null);
        }
    }

    private void refuseSysfs(String path, String value) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("sys/") || p.startsWith("proc/")) {
            throw new HostWriteException(path, value, Errno.EACCES, "cannot create or delete files in " + path, null);
        }
    }

    /** The path with links followed, relative to the root; empty when it does not exist. */
    private Optional<String> realRelative(String hostPath) {
        try {
            Path real = files.resolve(hostPath).toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(root.relativize(real).toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Errno next(Map<String, Deque<Errno>> faults, String rel) {
        Deque<Errno> q = faults.get(rel);
        if (q == null || q.isEmpty()) {
            return null;
        }
        Errno e = q.poll();
        if (q.isEmpty()) {
            faults.remove(rel);
        }
        return e;
    }

    private static IllegalArgumentException missing(String path) {
        return new IllegalArgumentException("no such path in the simulated host: " + path);
    }

    static String parentOf(String rel) {
        int i = rel.lastIndexOf('/');
        return i < 0 ? "" : rel.substring(0, i);
    }

    String get(String rel) {
        try {
            return Files.readString(root.resolve(rel)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void put(String rel, String value) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void mkdirs(String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relative symlink, as sysfs makes them (so the tree works under any root). */
    void link(String relLink, String relTarget) {
        try {
            Path l = root.resolve(relLink);
            Files.createDirectories(l.getParent());
            Files.deleteIfExists(l);
            Files.createSymbolicLink(l, l.getParent().relativize(root.resolve(relTarget)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteFile(String rel) {
        try {
            Files.deleteIfExists(root.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a link, a file or a directory tree (links inside are not followed). */
    private void deleteTree(String rel) {
        Path p = root.resolve(rel);
        try {
            if (Files.isSymbolicLink(p) || !Files.isDirectory(p)) {
                Files.deleteIfExists(p);
                return;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
