package dev.pnn.spi.noise;

/**
 * Quantization of programmed control values (a phase DAC, ALGORITHMS.md §2.4). Deterministic. A twin treats it
 * straight-through: the derivative of {@link #quantize} is taken as the identity.
 */
public interface ControlQuantizer extends NoiseModel {
    /** The value the hardware actually applies when {@code x} is programmed. */
    double quantize(double x);

    /** Quantizes {@code values[off .. off+len)} in place. */
    default void quantize(double[] values, int off, int len) {
        for (int i = off; i < off + len; i++) values[i] = quantize(values[i]);
    }
}
