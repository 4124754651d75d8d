package dev.pnn.spi.train;

/** Turns gradient estimates into parameter updates. Stateful; state is saved in checkpoints. */
public interface Optimizer {
    /** Updates {@code theta} in place from {@code grad}. */
    void step(double[] theta, double[] grad);

    /** Called at the start of every epoch (0-based) so step schedules can act. */
    void startEpoch(int epoch);

    double learningRate();

    /** Internal state (moments, step count) as one array, for checkpoints. */
    double[] state();

    void restore(double[] state);
}
