package dev.pnn.compiler;

import java.util.Locale;

/**
 * Physical devices of one kind that one network needs, summed over its blocks' {@code BlockType.devices}:
 * {@code count} as the blocks realize it and {@code denseEquivalent} for dense realizations of the same maps.
 * Blocks that report nothing (digital ones) are not in either sum.
 */
public record DeviceSummary(String network, String kind, long count, long denseEquivalent) {
    /** {@code network BlackScholesNet: 176 MZIs (dense equivalent 304, 1.73x)}. */
    public String line() {
        String ratio = count == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", (double) denseEquivalent / count);
        return "network " + network + ": " + count + " " + kind + "s (dense equivalent " + denseEquivalent + ", " + ratio + ")";
    }
}
