package io.dataplane.operator.agent;

import io.dataplane.operator.host.HostFs;
import io.dataplane.operator.host.sim.SimulatedCrash;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A host that lets the write of 0 to any sriov_numvfs happen, then stops the agent as if it died (or throws as told). */
final class CrashAfterZero implements HostFs {
    private final HostFs fs;
    private final Consumer<String> crash;

    CrashAfterZero(HostFs fs) {
        this(fs, path -> {
            throw new SimulatedCrash("killed after writing 0 to " + path);
        });
    }

    /** {@code crash} gets the path written and throws. */
    CrashAfterZero(HostFs fs, Consumer<String> crash) {
        this.fs = fs;
        this.crash = crash;
    }

    @Override
    public void write(String path, String value) {
        fs.write(path, value);
        if (path.endsWith("/sriov_numvfs") && value.strip().equals("0")) {
            crash.accept(path);
        }
    }

    @Override
    public String read(String path) {
        return fs.read(path);
    }

    @Override
    public void writeFile(String path, String content) {
        fs.writeFile(path, content);
    }

    @Override
    public boolean delete(String path) {
        return fs.delete(path);
    }

    @Override
    public List<String> list(String dir) {
        return fs.list(dir);
    }

    @Override
    public Optional<String> readLink(String path) {
        return fs.readLink(path);
    }

    @Override
    public boolean exists(String path) {
        return fs.exists(path);
    }
}
