package dev.pnn.testkit;

/**
 * Outcome of the ALGORITHMS.md §3 order-2 Taylor test along one or more directions.
 *
 * @param passed     every non-skipped ratio r(h)/r(h/2) lies in [3.5, 4.5]
 * @param skipped    every pair was skipped because a residual was below 1e-11 (the loss is locally linear
 *                   to round-off); a skipped test counts as passed
 * @param steps      h = 1e-2·2^{-k}, k = 0..3
 * @param residuals  r(h) = |L(θ + hv) − L(θ) − h gᵀv| for each step, of the worst direction
 * @param ratios     r(h_k)/r(h_{k+1}), NaN where skipped, of the worst direction
 * @param worstPair  index k of the ratio farthest outside (or closest to the edge of) [3.5, 4.5]
 * @param worstSlice the slice the worst direction was restricted to, or null for a direction over all of θ
 * @param message    a human-readable summary naming the worst pair, its two residuals and the slice
 */
public record TaylorResult(boolean passed, boolean skipped, double[] steps, double[] residuals, double[] ratios,
                           int worstPair, String worstSlice, String message) {

    /**
     * Failed, but only because ratios lie above the band (none below 3.5): the residual decays faster than h²,
     * i.e. the curvature along this v is tiny and the cubic term dominates. A wrong gradient drives ratios below
     * the band instead, so this points at the direction, not at the gradient.
     */
    public boolean onlyAboveBand() {
        if (passed || worstPair < 0) return false;
        for (double q : ratios) if (!Double.isNaN(q) && !(q >= TaylorTest.RATIO_LOW)) return false;
        return true;
    }

    public TaylorResult assertPassed() {
        if (!passed) throw new AssertionError(message);
        return this;
    }

    @Override
    public String toString() {
        return message;
    }
}
