package dev.pnn.spi.train;

/** One configured training method for one run. Either produces gradients or updates θ itself. */
public sealed interface Trainer permits GradientTrainer, UpdateTrainer {
}
