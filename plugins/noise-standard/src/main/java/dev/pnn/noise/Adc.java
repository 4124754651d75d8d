package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.SignalNoise;

/**
 * {@code adc(bits: b, lo, hi)}: uniform quantizer with 2ᵇ levels over [lo, hi] (ALGORITHMS.md §2.4):
 * Δ = (hi − lo)/(2ᵇ − 1), q(x) = lo + Δ·⌊(clip(x) − lo)/Δ + ½⌋. Ties round up. NaN stays NaN. A twin
 * differentiates it straight-through (identity inside [lo, hi], 0 outside).
 */
record Adc(int bits, double lo, double hi) implements SignalNoise {
    double step() {
        return (hi - lo) / (Math.pow(2, bits) - 1);
    }

    double quantize(double x) {
        double c = Math.max(lo, Math.min(hi, x));
        double step = step();
        return lo + step * Math.floor((c - lo) / step + 0.5);
    }

    /** The straight-through derivative the twin uses. */
    double straightThrough(double x) {
        return x >= lo && x <= hi ? 1.0 : 0.0;
    }

    @Override
    public void apply(double[] values, int off, int len, Rng rng) {
        for (int i = off; i < off + len; i++) values[i] = quantize(values[i]);
    }

    @Override
    public String describe() {
        return "adc(bits: " + bits + ", lo: " + lo + ", hi: " + hi + ")";
    }

    @Override
    public boolean isIdeal() {
        return false;
    }
}
