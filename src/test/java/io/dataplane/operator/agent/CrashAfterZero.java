package io.dataplane.operator.agent;

import io.dataplane.operator.host.HostFs;
import io.dataplane.operator.host.sim.SimulatedCrash;
import java.util.List;
import java.util.Optional;

/** A host that lets the write of 0 to any sriov_numvfs happen, then stops the agent as if it died. */
final class CrashAfterZero implements HostFs {
    private final HostFs fs;

    CrashAfterZero(HostFs fs) {
        this.fs = fs;
    }

    @Override
    public void write(String path, String value) {
        fs.write(path, value);
        if (path.endsWith("/sriov_numvfs") && value.strip().equals("0")) {
            throw new SimulatedCrash("killed after writing 0 to " + path);
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
