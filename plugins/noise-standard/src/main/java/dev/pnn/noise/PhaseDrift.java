package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.Drift;

import java.util.Arrays;

/**
 * Per-query drift of all phase shifters (ALGORITHMS.md §2.4, dynamic).
 * <ul>
 * <li>{@code drift(step)}: every shifter's offset is an independent random walk with N(0, step²) per query.</li>
 * <li>{@code thermal_drift(step, rad_per_kelvin)}: one chip temperature ΔT walks with N(0, step²) K per query and
 * shifts every phase by rad_per_kelvin·ΔT.</li>
 * </ul>
 * Advancing by q queries at once draws one N(0, q·step²) increment per walk, the same law as q single steps; a
 * device applies the state at the start of a batch and advances it by the batch's row count afterwards.
 */
record PhaseDrift(double step, boolean temperature, double radPerKelvin) implements Drift {
    @Override
    public Process start(int n) {
        return temperature ? new TemperatureWalk(n) : new IndependentWalk(n);
    }

    private final class IndependentWalk implements Process {
        private final double[] offsets;

        IndependentWalk(int n) {
            offsets = new double[n];
        }

        @Override
        public void advance(long queries, Rng rng) {
            if (queries <= 0 || step == 0) return;
            double s = step * Math.sqrt(queries);
            for (int i = 0; i < offsets.length; i++) offsets[i] += s * rng.nextGaussian();
        }

        @Override
        public double[] offsets() {
            return offsets;
        }
    }

    private final class TemperatureWalk implements Process {
        private final double[] offsets;
        private double deltaT;

        TemperatureWalk(int n) {
            offsets = new double[n];
        }

        @Override
        public void advance(long queries, Rng rng) {
            if (queries <= 0 || step == 0) return;
            deltaT += step * Math.sqrt(queries) * rng.nextGaussian();
            Arrays.fill(offsets, radPerKelvin * deltaT);
        }

        /** The walk is its temperature offset; the phase offsets follow from it. */
        @Override
        public long[] state() {
            return new long[]{Double.doubleToRawLongBits(deltaT)};
        }

        @Override
        public void restore(long[] state) {
            if (state.length != 1) throw new IllegalArgumentException("thermal drift state has 1 value, got " + state.length);
            deltaT = Double.longBitsToDouble(state[0]);
            Arrays.fill(offsets, radPerKelvin * deltaT);
        }

        @Override
        public double[] offsets() {
            return offsets;
        }
    }

    @Override
    public String describe() {
        return temperature ? "thermal_drift(step: " + step + " K, rad_per_kelvin: " + radPerKelvin + ")"
                : "drift(step: " + step + " rad)";
    }

    @Override
    public boolean isIdeal() {
        return step == 0 || (temperature && radPerKelvin == 0);
    }
}
