package dev.pnn.spi.train;

/** One configured training method for one run. Either produces gradients or updates θ itself. */
public sealed interface Trainer permits GradientTrainer, UpdateTrainer {
    /**
     * Internal state a resumed run needs to continue bit-identically (step counters, random streams such as
     * {@link dev.pnn.spi.Rng#state()}, CMA-ES mean and covariance), saved in every checkpoint. Doubles are
     * stored as {@link Double#doubleToRawLongBits raw bits}. Empty for stateless trainers.
     */
    default long[] state() {
        return new long[0];
    }

    /**
     * Scores of the final parameters that only the trainer knows how to compute, by name (a physics-informed
     * trainer's error against the plan's analytic solution, say). Called once after a completed run with the
     * parameters the run keeps and the run's evaluation device, seen through the trainer's declared capabilities
     * (its queries count as evaluation queries). Written to summary.json under {@code scores} and printed by the
     * CLI. Default: none.
     */
    default java.util.Map<String, Double> finalScores(double[] theta, dev.pnn.spi.device.Device evaluation) {
        return java.util.Map.of();
    }

    /** Restores what {@link #state()} returned, before the first step of a resumed run. */
    default void restore(long[] state) {
        if (state.length != 0)
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state but was given " + state.length + " values");
    }
}
