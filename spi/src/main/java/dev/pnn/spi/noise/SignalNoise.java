package dev.pnn.spi.noise;

import dev.pnn.spi.Rng;

/** Per-query noise or distortion of measured signals (shot noise, readout noise, ADC quantization). */
public interface SignalNoise extends NoiseModel {
    /** Applies to {@code values[off .. off+len)} in place; deterministic models ignore {@code rng}. */
    void apply(double[] values, int off, int len, Rng rng);
}
