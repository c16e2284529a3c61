package io.dataplane.operator.policy;

/** An inclusive range of VF indexes on one PF, as in {@code ens1f0#0-3}. */
public record VfRange(int first, int last) {

    public VfRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid VF range " + first + "-" + last);
        }
    }

    /** All VFs of a PF with {@code numVfs} VFs; null when there are none. */
    public static VfRange all(int numVfs) {
        return numVfs <= 0 ? null : new VfRange(0, numVfs - 1);
    }

    public boolean overlaps(VfRange other) {
        return first <= other.last && other.first <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
