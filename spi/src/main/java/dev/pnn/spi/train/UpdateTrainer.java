package dev.pnn.spi.train;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;

/** A trainer that updates θ itself (ES, CMA-ES, closed-form readouts); the plan's optimizer is not used. */
public non-sealed interface UpdateTrainer extends Trainer {
    /** Updates {@code theta} in place from one batch; returns the batch loss before the update. */
    double update(double[] theta, Batch batch);

    /**
     * Called once before the first epoch with the whole training set, for methods that solve in closed form
     * (ridge readout). Default: nothing.
     */
    default void prepare(double[] theta, Examples train) {
    }
}
