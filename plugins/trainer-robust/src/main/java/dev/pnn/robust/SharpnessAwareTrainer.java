package dev.pnn.robust;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.train.GradientTrainer;

/**
 * SAT (ALGORITHMS.md §5, seed 002 §2.1): the SAM two-step over any gradient-producing base trainer. On one batch,
 * g = base(θ); ε = ρ·g/‖g‖ (or its per-slice form); g_SAT = base(θ + ε), on the same batch. Returns the loss at θ
 * measured by the first call. With ρ = 0 it makes exactly one base call, so it equals its base bit for bit.
 */
final class SharpnessAwareTrainer implements GradientTrainer {
    private final GradientTrainer base;
    private final double rho;
    private final AscentStep ascent;
    private double[] eps = new double[0];
    private double[] shifted = new double[0];

    SharpnessAwareTrainer(GradientTrainer base, double rho, AscentStep ascent) {
        this.base = base;
        this.rho = rho;
        this.ascent = ascent;
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        double loss = base.gradient(theta, batch, grad);
        if (rho == 0) return loss;
        if (eps.length != theta.length) {
            eps = new double[theta.length];
            shifted = new double[theta.length];
        }
        if (!ascent.compute(theta, grad, eps)) return loss;
        for (int i = 0; i < theta.length; i++) shifted[i] = theta[i] + eps[i];
        base.gradient(shifted, batch, grad);
        return loss;
    }

    /** SAT itself keeps nothing between batches (ε is recomputed from each batch); its base may. */
    @Override
    public long[] state() {
        return base.state();
    }

    @Override
    public void restore(long[] state) {
        base.restore(state);
    }
}
