package dev.pnn.tt;

/**
 * Derivatives of the Gaussian-smoothed function u(x) = E[f(x + σz)] from function values only (Stein's identity,
 * ALGORITHMS.md §9), with a quadrature rule whose node 0 is the origin (so f₀ = f(x) is the control variate):
 * u ≈ Σ w_k f_k, ∇u ≈ Σ w_k (f_k − f₀) z_k / σ, ∇²u ≈ Σ w_k (f_k − f₀)(z_k z_kᵀ − I) / σ².
 * σ is per dimension, in the coordinates the network sees.
 */
final class SteinEstimator {
    private final SparseGridRule rule;
    private final double[] sigma;

    SteinEstimator(SparseGridRule rule, double[] sigma) {
        if (sigma.length != rule.dim()) throw new IllegalArgumentException("one sigma per dimension");
        this.rule = rule;
        this.sigma = sigma.clone();
    }

    SparseGridRule rule() {
        return rule;
    }

    int queriesPerPoint() {
        return rule.size();
    }

    /** Writes the rule's query points x + σz_k for point x into {@code out} starting at row {@code row}. */
    void queryPoints(double[] x, int xOff, double[] out, int row) {
        int d = rule.dim();
        for (int k = 0; k < rule.size(); k++)
            for (int j = 0; j < d; j++) out[(row + k) * d + j] = x[xOff + j] + sigma[j] * rule.node(k, j);
    }

    /** Σ w_k f_k: the smoothed value. {@code f} holds the rule's values at f[off..off+size). */
    double value(double[] f, int off) {
        double s = 0;
        for (int k = 0; k < rule.size(); k++) s += rule.weights()[k] * f[off + k];
        return s;
    }

    /** ∂u/∂x_i. */
    double gradient(double[] f, int off, int i) {
        double f0 = f[off], s = 0;
        for (int k = 1; k < rule.size(); k++) s += rule.weights()[k] * (f[off + k] - f0) * rule.node(k, i);
        return s / sigma[i];
    }

    /** ∂²u/∂x_i∂x_j. */
    double hessian(double[] f, int off, int i, int j) {
        double f0 = f[off], s = 0;
        for (int k = 1; k < rule.size(); k++) {
            double zz = rule.node(k, i) * rule.node(k, j) - (i == j ? 1 : 0);
            s += rule.weights()[k] * (f[off + k] - f0) * zz;
        }
        return s / (sigma[i] * sigma[j]);
    }
}
