package io.dataplane.operator.render.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shell scripts the components run, shipped in the operator jar next to this class and rendered into ConfigMaps. */
public final class Scripts {
    /** Atomic, checksum-verified copy of the CNI plugins into the host's CNI binary directory. */
    public static final String INSTALL_CNI = "install-cni.sh";
    /** Runs the device plugin with this node's config key and restarts it when that key changes. */
    public static final String DEVICE_PLUGIN_ENTRYPOINT = "device-plugin-entrypoint.sh";

    private Scripts() {
    }

    public static String text(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script " + name + " is missing from the operator jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
