package dev.pnn.spi.noise;

import java.util.Arrays;

/**
 * A neighbour list in compressed form: the neighbours of element {@code i} are
 * {@code index[start[i] .. start[i+1])}. Built by a backend from its device geometry (for a Clements mesh: same-role
 * shifters in the same column at pair offset ±2, ALGORITHMS.md §2.4).
 */
public record Neighbours(int[] start, int[] index) {
    public Neighbours {
        if (start.length == 0 || start[0] != 0 || start[start.length - 1] != index.length)
            throw new IllegalArgumentException("neighbour list: start must run from 0 to index.length");
        for (int i = 1; i < start.length; i++)
            if (start[i] < start[i - 1]) throw new IllegalArgumentException("neighbour list: start must not decrease");
    }

    /** Number of elements (not of neighbour links). */
    public int size() {
        return start.length - 1;
    }

    /** The neighbours of element {@code i}, as a fresh array (for tests and diagnostics, not hot loops). */
    public int[] of(int i) {
        return Arrays.copyOfRange(index, start[i], start[i + 1]);
    }
}
