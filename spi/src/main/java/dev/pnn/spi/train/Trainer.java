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

    /** Restores what {@link #state()} returned, before the first step of a resumed run. */
    default void restore(long[] state) {
        if (state.length != 0)
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state but was given " + state.length + " values");
    }
}
