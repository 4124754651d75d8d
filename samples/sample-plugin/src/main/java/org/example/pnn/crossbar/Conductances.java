package org.example.pnn.crossbar;

/**
 * How a signed weight w ∈ [-1, 1] is held by a differential pair of memristors (ALGORITHMS.md §2.7):
 * G⁺ = G_min + g₀·max(w, 0), G⁻ = G_min + g₀·max(−w, 0) with g₀ = G_max − G_min, so W = (G⁺ − G⁻)/g₀ = w. With
 * {@code levels} ≥ 2 each device can only be programmed to one of that many equally spaced conductances in
 * [G_min, G_max] (round to nearest, ties away from G_min); {@code levels} = 0 is continuous programming.
 */
record Conductances(double gMin, double gMax, int levels) {
    Conductances {
        if (!(gMin >= 0 && gMax > gMin))
            throw new IllegalArgumentException("need 0 <= g_min < g_max, got g_min = " + gMin + ", g_max = " + gMax);
    }

    double g0() {
        return gMax - gMin;
    }

    /** The conductance a device is programmed to for target conductance {@code g} (clamped to the window). */
    double program(double g) {
        double c = Math.min(gMax, Math.max(gMin, g));
        if (levels < 2) return c;
        double step = g0() / (levels - 1);
        return gMin + Math.floor((c - gMin) / step + 0.5) * step;
    }

    double plus(double w) {
        return program(gMin + g0() * Math.max(w, 0));
    }

    double minus(double w) {
        return program(gMin + g0() * Math.max(-w, 0));
    }
}
