package dev.pnn.spi.block;

/**
 * Physical devices a block needs: {@code count} of {@code kind} (e.g. "MZI") as realized, and
 * {@code denseEquivalent} for a dense realization of the same linear map, so compression (tensor-train) shows.
 */
public record DeviceCount(String kind, long count, long denseEquivalent) {
    public DeviceCount {
        if (count < 0 || denseEquivalent < 0) throw new IllegalArgumentException("device counts must be >= 0");
    }
}
