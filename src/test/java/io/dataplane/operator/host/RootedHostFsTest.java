package io.dataplane.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootedHostFsTest {

    @TempDir
    Path root;
    RootedHostFs fs;

    @BeforeEach
    void tree() throws Exception {
        Path dev = root.resolve("sys/devices/pci0000:17/0000:17:00.0/0000:18:00.0");
        Files.createDirectories(dev);
        Files.writeString(dev.resolve("sriov_numvfs"), "4\n");
        Files.createDirectories(root.resolve("sys/bus/pci/drivers/ice"));
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        Files.createSymbolicLink(root.resolve("sys/bus/pci/devices/0000:18:00.0"),
                Path.of("../../../devices/pci0000:17/0000:17:00.0/0000:18:00.0"));
        Files.createSymbolicLink(dev.resolve("driver"), Path.of("../../../../bus/pci/drivers/ice"));
        fs = new RootedHostFs(root);
    }

    @Test
    void readsThroughRelativeLinksInsideTheRoot() {
        assertThat(fs.read("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs")).isEqualTo("4");
        assertThat(fs.readInt("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs")).isEqualTo(4);
        assertThat(fs.linkName("/sys/bus/pci/devices/0000:18:00.0/driver")).contains("ice");
        assertThat(fs.readLink("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs")).isEmpty();
        assertThat(fs.list("/sys/bus/pci/devices")).containsExactly("0000:18:00.0");
        assertThat(fs.list("/sys/nope")).isEmpty();
    }

    @Test
    void missingFilesAreEnoentAndWritesNeverCreateFiles() {
        assertThat(fs.readIfExists("/sys/bus/pci/devices/0000:18:00.0/absent")).isEmpty();
        assertThatThrownBy(() -> fs.read("/sys/absent"))
                .isInstanceOfSatisfying(HostReadException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThatThrownBy(() -> fs.write("/sys/bus/pci/devices/0000:18:00.0/absent", "1"))
                .isInstanceOfSatisfying(HostWriteException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThat(fs.exists("/sys/bus/pci/devices/0000:18:00.0/absent")).isFalse();
    }

    @Test
    void writeReplacesTheValue() {
        fs.write("/sys/bus/pci/devices/0000:18:00.0/sriov_numvfs", "8");
        assertThat(fs.readInt("/sys/devices/pci0000:17/0000:17:00.0/0000:18:00.0/sriov_numvfs")).isEqualTo(8);
    }

    @Test
    void writeFileCreatesParentsAndDeleteRemoves() {
        fs.writeFile("/etc/kubernetes/kubelet.conf.d/50-dataplane.conf", "a: b\n");
        assertThat(fs.read("/etc/kubernetes/kubelet.conf.d/50-dataplane.conf")).isEqualTo("a: b");
        assertThat(fs.delete("/etc/kubernetes/kubelet.conf.d/50-dataplane.conf")).isTrue();
        assertThat(fs.delete("/etc/kubernetes/kubelet.conf.d/50-dataplane.conf")).isFalse();
    }

    @Test
    void pathsCannotClimbOutOfTheRoot() {
        assertThatThrownBy(() -> fs.read("/../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
