package dev.pnn.modelfree;

import dev.pnn.spi.Rng;

/**
 * Simultaneous-perturbation stochastic approximation (ALGORITHMS.md §8): with Rademacher Δ ∈ {±1}ᴾ,
 * ĝ = [L(θ + cΔ) − L(θ − cΔ)]/(2c)·Δ, averaged over q directions; two evaluations per direction whatever P is.
 */
public final class Spsa {
    private double[] probe = new double[0];
    private double[] delta = new double[0];

    /**
     * One direction: adds {@code weight}·[L(θ + cΔ) − L(θ − cΔ)]/(2c)·Δ into {@code grad} and returns the pair's
     * mean ½[L(θ + cΔ) + L(θ − cΔ)], an O(c²) estimate of L(θ).
     */
    public double accumulate(Objective f, double[] theta, double[] delta, double c, double weight, double[] grad) {
        int p = theta.length;
        if (probe.length != p) probe = new double[p];
        for (int i = 0; i < p; i++) probe[i] = theta[i] + c * delta[i];
        double plus = f.value(probe);
        for (int i = 0; i < p; i++) probe[i] = theta[i] - c * delta[i];
        double minus = f.value(probe);
        double s = weight * (plus - minus) / (2 * c);
        for (int i = 0; i < p; i++) grad[i] += s * delta[i];
        return 0.5 * (plus + minus);
    }

    /**
     * The average of {@code directions} independent estimates with fresh Rademacher directions from {@code rng};
     * overwrites {@code grad}, returns the mean of all measured pair means.
     */
    public double estimate(Objective f, double[] theta, double c, int directions, Rng rng, double[] grad) {
        if (directions < 1) throw new IllegalArgumentException("SPSA needs at least one direction");
        int p = theta.length;
        if (delta.length != p) delta = new double[p];
        java.util.Arrays.fill(grad, 0, p, 0.0);
        double loss = 0;
        for (int q = 0; q < directions; q++) {
            for (int i = 0; i < p; i++) delta[i] = rng.nextSign();
            loss += accumulate(f, theta, delta, c, 1.0 / directions, grad);
        }
        return loss / directions;
    }

    /** Standard SPSA gain a_k = a/(A + k + 1)^α (Spall's α = 0.602), k counting from 0. */
    public static double stepGain(double a, double bigA, double alpha, long k) {
        return a / Math.pow(bigA + k + 1, alpha);
    }

    /** Standard SPSA perturbation size c_k = c/(k + 1)^γ (Spall's γ = 0.101). */
    public static double perturbationGain(double c, double gamma, long k) {
        return c / Math.pow(k + 1, gamma);
    }
}
