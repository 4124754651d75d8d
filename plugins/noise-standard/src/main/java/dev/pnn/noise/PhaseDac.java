package dev.pnn.noise;

import dev.pnn.spi.noise.ControlQuantizer;

/**
 * {@code dac(bits: b)}: a phase DAC. The applied phase is x mod 2π rounded to a step of 2π/2ᵇ, ties up
 * (ALGORITHMS.md §2.4). The result lies in [0, 2π]; 2π and 0 are the same phase. The twin treats it straight-through.
 */
record PhaseDac(int bits) implements ControlQuantizer {
    private static final double TWO_PI = 2 * Math.PI;

    double step() {
        return TWO_PI / Math.pow(2, bits);
    }

    @Override
    public double quantize(double x) {
        double w = x - TWO_PI * Math.floor(x / TWO_PI);
        double step = step();
        return step * Math.floor(w / step + 0.5);
    }

    @Override
    public String describe() {
        return "dac(bits: " + bits + ")";
    }

    @Override
    public boolean isIdeal() {
        return false;
    }
}
