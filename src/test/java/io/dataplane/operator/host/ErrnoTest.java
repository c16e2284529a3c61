package io.dataplane.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrnoTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Device or resource busy                                  | EBUSY
            /sys/bus/pci/devices/x/sriov_numvfs: Numerical result out of range | ERANGE
            No such file or directory                                | ENOENT
            Invalid argument                                         | EINVAL
            Cannot allocate memory                                   | ENOMEM
            No such device                                           | ENODEV
            No such device or address                                | ENXIO
            Permission denied                                        | EACCES
            something else                                           | UNKNOWN
            """)
    void mapsStrerrorTextToErrno(String message, Errno expected) {
        assertThat(Errno.fromMessage(message)).isEqualTo(expected);
    }

    /** A real kernel answer through java.nio: writing a non-number to our own oom_score_adj. */
    @Test
    void realKernelWriteErrorSurfacesAsTypedErrno() {
        Path attr = Path.of("/proc/self/oom_score_adj");
        assertThat(Files.exists(attr)).as("needs Linux /proc").isTrue();
        RootedHostFs fs = new RootedHostFs(Path.of("/"));
        assertThatThrownBy(() -> fs.write("/proc/self/oom_score_adj", "not-a-number"))
                .isInstanceOfSatisfying(HostWriteException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                    assertThat(e.path()).isEqualTo("/proc/self/oom_score_adj");
                });
    }
}
