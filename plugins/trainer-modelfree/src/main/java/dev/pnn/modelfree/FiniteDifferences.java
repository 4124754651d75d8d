package dev.pnn.modelfree;

/**
 * Coordinate-wise finite differences (ALGORITHMS.md §8). Forward: ĝᵢ = [L(θ + heᵢ) − L(θ)]/h, P + 1 evaluations,
 * O(h) error. Central: ĝᵢ = [L(θ + heᵢ) − L(θ − heᵢ)]/(2h), 2P evaluations, O(h²) error.
 */
public final class FiniteDifferences {
    public enum Scheme { FORWARD, CENTRAL }

    private final Scheme scheme;
    private final double h;
    private double[] probe = new double[0];

    public FiniteDifferences(Scheme scheme, double h) {
        if (!(h > 0)) throw new IllegalArgumentException("finite-difference step h must be > 0, got " + h);
        this.scheme = scheme;
        this.h = h;
    }

    public Scheme scheme() {
        return scheme;
    }

    /** Number of objective evaluations one estimate of a P-dimensional gradient costs. */
    public long evaluations(int p) {
        return scheme == Scheme.FORWARD ? p + 1L : 2L * p;
    }

    /**
     * Writes ĝ into {@code grad}. Returns L(θ) for the forward scheme and, for the central scheme, the mean of all
     * perturbed values, an O(h²) estimate of L(θ) that costs no extra evaluation.
     */
    public double estimate(Objective f, double[] theta, double[] grad) {
        int p = theta.length;
        if (probe.length != p) probe = new double[p];
        System.arraycopy(theta, 0, probe, 0, p);
        if (scheme == Scheme.FORWARD) {
            double f0 = f.value(probe);
            for (int i = 0; i < p; i++) {
                probe[i] = theta[i] + h;
                grad[i] = (f.value(probe) - f0) / h;
                probe[i] = theta[i];
            }
            return f0;
        }
        double sum = 0;
        for (int i = 0; i < p; i++) {
            probe[i] = theta[i] + h;
            double plus = f.value(probe);
            probe[i] = theta[i] - h;
            double minus = f.value(probe);
            probe[i] = theta[i];
            grad[i] = (plus - minus) / (2 * h);
            sum += plus + minus;
        }
        return p == 0 ? f.value(probe) : sum / (2.0 * p);
    }
}
