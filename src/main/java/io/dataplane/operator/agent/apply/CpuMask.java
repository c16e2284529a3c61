package io.dataplane.operator.agent.apply;

import io.dataplane.operator.host.CpuList;
import java.math.BigInteger;

/** OVS wants CPU sets as hex masks (pmd-cpu-mask=0x3c): CPU n is bit n. */
public final class CpuMask {

    private CpuMask() {
    }

    /** "2-5" → "0x3c". */
    public static String of(String cpuList) {
        BigInteger mask = BigInteger.ZERO;
        for (int cpu : CpuList.parse(cpuList)) {
            mask = mask.setBit(cpu);
        }
        return "0x" + mask.toString(16);
    }
}
