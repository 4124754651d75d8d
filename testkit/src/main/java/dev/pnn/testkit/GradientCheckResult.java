package dev.pnn.testkit;

/**
 * Outcome of the ALGORITHMS.md §3 finite-difference gradient check.
 *
 * @param passed            both criteria hold: norm-relative error below 1e-6 and every component within
 *                          1e-6·max(|g_i|, |g_i^FD|) + 1e-8(1 + |L|)
 * @param normRelativeError ‖g − g^FD‖₂ / max(‖g‖₂, ‖g^FD‖₂, 1e-12)
 * @param worstIndex        the component with the largest error-to-tolerance ratio (-1 when θ is empty)
 * @param worstSlice        the parameter slice holding {@code worstIndex}, or null without a layout
 * @param analytic          g at the worst component
 * @param finiteDifference  g^FD at the worst component
 * @param worstExcess       |g_i − g_i^FD| divided by that component's tolerance (> 1 means it fails)
 * @param loss              L(θ)
 * @param fdGradient        the full central-difference gradient
 * @param message           a human-readable summary naming the worst component and both values
 */
public record GradientCheckResult(boolean passed, double normRelativeError, int worstIndex, String worstSlice,
                                  double analytic, double finiteDifference, double worstExcess, double loss,
                                  double[] fdGradient, String message) {

    /** Throws an {@link AssertionError} carrying {@link #message()} unless the check passed. */
    public GradientCheckResult assertPassed() {
        if (!passed) throw new AssertionError(message);
        return this;
    }

    @Override
    public String toString() {
        return message;
    }
}
