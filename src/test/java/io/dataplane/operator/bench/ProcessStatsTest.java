package io.dataplane.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The agent's heap figure comes from {@code jcmd GC.heap_info} (it has no metrics endpoint). */
class ProcessStatsTest {

    @Test
    void heapInUseIsTheSumOfTheGenerationsNotMetaspace() {
        String serial = """
                12956:
                 def new generation   total 116160K, used 20691K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
                  eden space 103296K,  20% used [0x0000000687400000, 0x0000000688834eb8, 0x000000068d8e0000)
                  from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
                 tenured generation   total 258048K, used 2048K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                   the space 258048K,   0% used [0x0000000704d50000, 0x0000000704d50000, 0x0000000704d50200, 0x0000000714950000)
                 Metaspace       used 8970K, committed 9152K, reserved 1114112K
                  class space    used 1062K, committed 1152K, reserved 1048576K
                """;
        assertThat(ProcessStats.heapUsedMiB(serial)).isEqualTo((20691 + 2048) / 1024.0);
        assertThat(ProcessStats.heapUsedMiB(" garbage-first heap   total 262144K, used 5120K [0x00000000f0000000, 0x0000000100000000)\n"))
                .isEqualTo(5.0);
        assertThat(ProcessStats.heapUsedMiB("12956:\nCommand executed successfully\n")).isEqualTo(-1);
    }
}
