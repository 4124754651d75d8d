package dev.pnn.spi.train;

/** Turns gradient estimates into parameter updates. Stateful; state is saved in checkpoints. */
public interface Optimizer {
    /** Updates {@code theta} in place from {@code grad}. */
    void step(double[] theta, double[] grad);

    /** Called at the start of every epoch (0-based) so step schedules can act. */
    void startEpoch(int epoch);

    double learningRate();

    /**
     * The parameters the run evaluates and keeps as its result: {@code theta} itself, unless the optimizer keeps an
     * average of its iterates (Polyak–Ruppert or exponential averaging, which noisy zeroth-order estimates need:
     * the last iterate jitters by about lr around the optimum, the average far less). Must not change
     * {@code theta}; the returned array is the caller's to keep.
     */
    default double[] averaged(double[] theta) {
        return theta.clone();
    }

    /** Internal state (moments, step count) as one array, for checkpoints. */
    double[] state();

    void restore(double[] state);
}
