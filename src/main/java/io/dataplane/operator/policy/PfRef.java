package io.dataplane.operator.policy;

import java.util.Locale;

/**
 * One {@code pfNames} or {@code rootDevices} entry: a PF name or PCI address, optionally with a VF range
 * ({@code ens1f0#0-3}, {@code 0000:86:00.0#0-1}). PCI addresses compare case-insensitively.
 */
public record PfRef(String key, VfRange range) {

    public static PfRef parse(String entry, boolean pciAddress) {
        int hash = entry.indexOf('#');
        String key = hash < 0 ? entry : entry.substring(0, hash);
        if (pciAddress) {
            key = key.toLowerCase(Locale.ROOT);
        }
        if (hash < 0) {
            return new PfRef(key, null);
        }
        String[] bounds = entry.substring(hash + 1).split("-", -1);
        if (bounds.length != 2) {
            throw new IllegalArgumentException("'" + entry + "' has no VF range of the form #first-last");
        }
        try {
            return new PfRef(key, new VfRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "' has no VF range of the form #first-last");
        }
    }
}
