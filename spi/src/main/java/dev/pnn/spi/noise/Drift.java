package dev.pnn.spi.noise;

import dev.pnn.spi.Rng;

/**
 * Slow change of the device in time (temperature, phase random walk), advancing with the number of queries
 * (ALGORITHMS.md §2.4). A device starts one {@link Process} per instance and advances it with its dynamic stream.
 */
public interface Drift extends NoiseModel {
    /** A fresh drift process over {@code n} phase shifters, starting at zero offset. */
    Process start(int n);

    /** The drift state of one device instance. Not thread-safe. */
    interface Process {
        /** Advances the process by {@code queries} queries, drawing from {@code rng}. */
        void advance(long queries, Rng rng);

        /** The current phase offsets (radians), one per shifter; read-only for callers. */
        double[] offsets();

        /**
         * Where the process is, for checkpoints (doubles as raw bits). The default covers processes whose whole
         * state is their offsets and whose {@link #offsets()} is the live array; others override both methods.
         */
        default long[] state() {
            double[] o = offsets();
            long[] s = new long[o.length];
            for (int i = 0; i < o.length; i++) s[i] = Double.doubleToRawLongBits(o[i]);
            return s;
        }

        /** Continues from what {@link #state()} returned. */
        default void restore(long[] state) {
            double[] o = offsets();
            if (state.length != o.length)
                throw new IllegalArgumentException("drift state has " + state.length + " values, expected " + o.length);
            for (int i = 0; i < o.length; i++) o[i] = Double.longBitsToDouble(state[i]);
        }
    }
}
