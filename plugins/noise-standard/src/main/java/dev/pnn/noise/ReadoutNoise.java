package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.SignalNoise;

/** {@code readout(sigma)} / {@code detector(sigma)}: additive Gaussian readout noise σ·ξ per measured value. */
record ReadoutNoise(String name, double sigma) implements SignalNoise {
    @Override
    public void apply(double[] values, int off, int len, Rng rng) {
        if (sigma == 0) return;
        for (int i = off; i < off + len; i++) values[i] += sigma * rng.nextGaussian();
    }

    @Override
    public String describe() {
        return name + "(sigma: " + sigma + ")";
    }

    @Override
    public boolean isIdeal() {
        return sigma == 0;
    }
}
