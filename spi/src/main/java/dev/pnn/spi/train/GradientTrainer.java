package dev.pnn.spi.train;

import dev.pnn.spi.data.Batch;

/** A trainer that estimates ∂L/∂θ for a batch; the plan's optimizer applies it. */
public non-sealed interface GradientTrainer extends Trainer {
    /**
     * Writes the gradient estimate into {@code grad} (overwriting it) and returns the batch loss at
     * {@code theta} as measured by this trainer. Must not modify {@code theta}.
     */
    double gradient(double[] theta, Batch batch, double[] grad);
}
