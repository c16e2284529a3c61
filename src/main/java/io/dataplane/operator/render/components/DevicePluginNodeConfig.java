package io.dataplane.operator.render.components;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the device plugin's per-node configuration lives: ConfigMaps {@code device-plugin-config-0} to
 * {@code -15} in the operator's namespace, each node's key in the one its name hashes to. The policy
 * controller writes them; the device plugin DaemonSet mounts them all as one directory (a projected
 * volume; a node's key is in exactly one map, so the paths never collide).
 *
 * <p>Why several: the API server refuses a ConfigMap over 1 MiB, and a node's key is ~700 B with the
 * benchmark's five policies (one map measured 699 KiB at 1,000 nodes), so one map stopped taking keys
 * at about 1,460 nodes. Sixteen take some 23,000 such nodes, or 5,000 nodes at 3 KiB of config each.
 */
public final class DevicePluginNodeConfig {
    public static final String PREFIX = "device-plugin-config-";
    public static final int MAPS = 16;

    private DevicePluginNodeConfig() {
    }

    /** The map holding {@code node}'s key (String.hashCode is specified, so every release agrees). */
    public static String mapOf(String node) {
        return PREFIX + Math.floorMod(node.hashCode(), MAPS);
    }

    /** All the maps, whether or not they exist yet. */
    public static List<String> maps() {
        return IntStream.range(0, MAPS).mapToObj(i -> PREFIX + i).toList();
    }
}
