package dev.pnn.spi;

import java.nio.charset.StandardCharsets;

/**
 * Child seeds by label (ALGORITHMS.md §1): {@code derive(seed, label) = splitmix64(seed ^ fnv1a64(label))}, so
 * that independent stochastic parts never share a stream and results do not depend on the JDK's RNGs.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long seed, String label) {
        return splitmix64(seed ^ fnv1a64(label));
    }

    public static long splitmix64(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long fnv1a64(String label) {
        long h = 0xcbf29ce484222325L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
