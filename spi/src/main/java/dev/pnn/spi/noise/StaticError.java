package dev.pnn.spi.noise;

import dev.pnn.spi.Rng;

/** Fabrication error drawn once per device instance and added to (or applied to) physical values. */
public interface StaticError extends NoiseModel {
    /** Perturbs {@code values[off .. off+len)} in place, drawing from {@code rng} in index order. */
    void perturb(double[] values, int off, int len, Rng rng);
}
