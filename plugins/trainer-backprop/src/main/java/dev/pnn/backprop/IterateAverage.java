package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Args;

/**
 * Exponential average of the iterates, ā ← βā + (1 − β)θ after every step from epoch {@code from} on; before
 * that (and at the first averaged step) ā = θ, so the average only remembers the settled part of the run. With a
 * noisy gradient estimate the last iterate jitters around the optimum by about the learning rate; the average
 * over the last ~1/(1 − β) steps does not. β = 0 turns it off.
 */
final class IterateAverage {
    private final double beta;
    private final int from;
    private final double[] avg;
    private long averagedSteps;
    private boolean active;

    IterateAverage(double beta, int from, int paramCount) {
        this.beta = beta;
        this.from = from;
        this.avg = new double[beta > 0 ? paramCount : 0];
    }

    static IterateAverage from(Args args, int paramCount) {
        double beta = OptimizerArgs.inUnitInterval(args, "average", 0.0);
        int from = args.integer("average_from", 0);
        if (from < 0) {
            throw new PnnException(args.owner() + ": average_from must be an epoch ≥ 0, got " + from,
                    "e.g. average: 0.999, average_from: 160");
        }
        return new IterateAverage(beta, from, paramCount);
    }

    void startEpoch(int epoch) {
        active = beta > 0 && epoch >= from;
    }

    void afterStep(double[] theta) {
        if (!active) return;
        if (averagedSteps == 0) System.arraycopy(theta, 0, avg, 0, avg.length);
        else for (int i = 0; i < avg.length; i++) avg[i] = beta * avg[i] + (1 - beta) * theta[i];
        averagedSteps++;
    }

    double[] of(double[] theta) {
        return averagedSteps == 0 ? theta.clone() : avg.clone();
    }

    /** Values appended to the optimizer state: [averaged steps, ā₀ … ā_{P−1}] (just [0] when off). */
    int stateSize() {
        return 1 + avg.length;
    }

    void save(double[] state, int at) {
        state[at] = averagedSteps;
        System.arraycopy(avg, 0, state, at + 1, avg.length);
    }

    void restore(double[] state, int at) {
        averagedSteps = (long) state[at];
        System.arraycopy(state, at + 1, avg, 0, avg.length);
    }
}
