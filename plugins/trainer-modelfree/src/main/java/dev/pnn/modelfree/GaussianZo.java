package dev.pnn.modelfree;

import dev.pnn.spi.Rng;

import java.util.Arrays;

/**
 * The Gaussian zeroth-order estimator (ALGORITHMS.md §8): with uᵢ ~ N(0, I),
 * ĝ = (1/N) Σᵢ [L(θ + μuᵢ) − L(θ)]/μ · uᵢ, whose expectation is ∇L_μ, the gradient of the Gaussian-smoothed loss
 * (∇L itself for a linear L, where E‖ĝ − ∇L‖² = (P + 1)‖∇L‖²/N). Costs N + 1 evaluations.
 *
 * <p>Public so that other trainers (the tensor-train ZO trainer) reuse it rather than copy it. The directions
 * may be drawn in any subspace: {@link #estimate(Objective, double[], Rng, double[])} draws them in θ's own
 * coordinates; {@link #accumulate} takes a caller-made direction.
 */
public final class GaussianZo {
    private final double mu;
    private final int samples;
    private double[] probe = new double[0];
    private double[] u = new double[0];

    public GaussianZo(double mu, int samples) {
        if (!(mu > 0)) throw new IllegalArgumentException("Gaussian ZO smoothing mu must be > 0, got " + mu);
        if (samples < 1) throw new IllegalArgumentException("Gaussian ZO needs at least one sample, got " + samples);
        this.mu = mu;
        this.samples = samples;
    }

    public double mu() {
        return mu;
    }

    public int samples() {
        return samples;
    }

    /** Overwrites {@code grad} with ĝ and returns the measured L(θ). */
    public double estimate(Objective f, double[] theta, Rng rng, double[] grad) {
        int p = theta.length;
        if (u.length != p) u = new double[p];
        Arrays.fill(grad, 0, p, 0.0);
        double f0 = f.value(theta);
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < p; i++) u[i] = rng.nextGaussian();
            accumulate(f, theta, f0, u, 1.0 / samples, grad);
        }
        return f0;
    }

    /** Adds {@code weight}·[L(θ + μu) − f0]/μ·u into {@code grad}; returns L(θ + μu). */
    public double accumulate(Objective f, double[] theta, double f0, double[] u, double weight, double[] grad) {
        int p = theta.length;
        if (probe.length != p) probe = new double[p];
        for (int i = 0; i < p; i++) probe[i] = theta[i] + mu * u[i];
        double fu = f.value(probe);
        double s = weight * (fu - f0) / mu;
        for (int i = 0; i < p; i++) grad[i] += s * u[i];
        return fu;
    }
}
