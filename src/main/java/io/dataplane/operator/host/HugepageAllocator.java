package io.dataplane.operator.host;

import io.dataplane.operator.api.v1alpha1.HugepageSize;

/**
 * Sets the number of huge pages of one size on one NUMA node. The kernel allocates what it can:
 * the write succeeds and reading back shows how many pages exist. Pages in use are never freed.
 */
public final class HugepageAllocator {

    public record Result(HugepageSize size, int numaNode, Outcome outcome, int before, int requested,
            int allocated, Errno errno, String message) {
    }

    private final HostFs fs;

    public HugepageAllocator(HostFs fs) {
        this.fs = fs;
    }

    public Result allocate(HugepageSize size, int numaNode, int count) {
        String path = SysfsPaths.nodeHugepages(numaNode, HostInventoryReader.sizeKb(size), "nr_hugepages");
        int before;
        try {
            before = fs.readInt(path);
        } catch (HostReadException e) {
            return new Result(size, numaNode, Outcome.FAILED, 0, count, 0, e.errno(), e.getMessage());
        }
        if (before == count) {
            return new Result(size, numaNode, Outcome.UNCHANGED, before, count, before, null, "already " + count);
        }
        try {
            fs.write(path, Integer.toString(count));
        } catch (HostWriteException e) {
            return new Result(size, numaNode, Outcome.FAILED, before, count, fs.readInt(path), e.errno(), e.getMessage());
        }
        int after = fs.readInt(path);
        if (after == count) {
            return new Result(size, numaNode, Outcome.APPLIED, before, count, after, null, count + " pages");
        }
        if (count > before && after < count) {
            return new Result(size, numaNode, Outcome.PARTIAL, before, count, after, null,
                    count + " pages of " + size + " requested on node " + numaNode + "; only " + after
                            + " allocated (memory fragmented or short)");
        }
        return new Result(size, numaNode, Outcome.PARTIAL, before, count, after, null,
                "shrinking to " + count + " left " + after + " pages: pages in use are not freed");
    }
}
