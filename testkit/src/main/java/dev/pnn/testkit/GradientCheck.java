package dev.pnn.testkit;

import dev.pnn.spi.ir.ParamSlice;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The binding gradient check of ALGORITHMS.md §3, items 1–2: central finite differences with
 * h_i = 1e-6·max(1, |θ_i|) and the two-part pass criterion. The loss function must be deterministic (dynamic
 * noise off or replayed with common random numbers) and must not keep a reference to the array it is given.
 */
public final class GradientCheck {
    /** Norm-relative bound of §3. */
    public static final double NORM_TOLERANCE = 1e-6;
    /** Per-component relative part of §3. */
    public static final double COMPONENT_RELATIVE = 1e-6;
    /** Per-component absolute part of §3, multiplied by (1 + |L|). */
    public static final double COMPONENT_ABSOLUTE = 1e-8;

    private GradientCheck() {
    }

    /** The FD step of §3 for a parameter value. */
    public static double step(double thetaI) {
        return 1e-6 * Math.max(1.0, Math.abs(thetaI));
    }

    /**
     * Central-difference gradient. The divisor is the step actually taken, (θ_i + h) − (θ_i − h) in floating
     * point, which equals 2h_i up to one rounding and removes the representation error of θ_i ± h_i.
     */
    public static double[] finiteDifference(ToDoubleFunction<double[]> loss, double[] theta) {
        double[] work = theta.clone();
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double t = theta[i];
            double h = step(t);
            double up = t + h;
            double down = t - h;
            work[i] = up;
            double lp = loss.applyAsDouble(work);
            work[i] = down;
            double lm = loss.applyAsDouble(work);
            work[i] = t;
            g[i] = (lp - lm) / (up - down);
        }
        return g;
    }

    public static GradientCheckResult check(ToDoubleFunction<double[]> loss, double[] theta, double[] gradient) {
        return check(loss, theta, gradient, null);
    }

    /** Runs the §3 check of {@code gradient} at {@code theta}; {@code layout} (may be null) names slices. */
    public static GradientCheckResult check(ToDoubleFunction<double[]> loss, double[] theta, double[] gradient,
                                            List<ParamSlice> layout) {
        if (gradient.length != theta.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " components, θ has "
                    + theta.length);
        }
        double l0 = loss.applyAsDouble(theta.clone());
        double[] fd = finiteDifference(loss, theta);
        return compare(gradient, fd, l0, layout);
    }

    /** Applies the §3 pass criterion to an analytic gradient and an FD gradient already computed. */
    public static GradientCheckResult compare(double[] g, double[] fd, double loss, List<ParamSlice> layout) {
        double diff2 = 0, g2 = 0, fd2 = 0;
        int worst = -1;
        double worstExcess = -1;
        boolean componentsOk = true;
        double absPart = COMPONENT_ABSOLUTE * (1.0 + Math.abs(loss));
        for (int i = 0; i < g.length; i++) {
            double d = g[i] - fd[i];
            diff2 += d * d;
            g2 += g[i] * g[i];
            fd2 += fd[i] * fd[i];
            double tol = COMPONENT_RELATIVE * Math.max(Math.abs(g[i]), Math.abs(fd[i])) + absPart;
            double excess = Math.abs(d) / tol;
            if (!(excess <= 1.0)) componentsOk = false; // NaN fails too
            boolean worse = worst < 0 || excess > worstExcess
                    || (Double.isNaN(excess) && !Double.isNaN(worstExcess));
            if (worse) {
                worst = i;
                worstExcess = excess;
            }
        }
        double rel = Math.sqrt(diff2) / Math.max(Math.max(Math.sqrt(g2), Math.sqrt(fd2)), 1e-12);
        boolean normOk = rel < NORM_TOLERANCE;
        boolean passed = normOk && componentsOk && Double.isFinite(loss);
        String slice = worst >= 0 ? ParamNames.sliceOf(layout, worst) : null;
        double a = worst >= 0 ? g[worst] : Double.NaN;
        double f = worst >= 0 ? fd[worst] : Double.NaN;
        String msg;
        if (worst < 0) {
            msg = "gradient check " + (passed ? "passed" : "FAILED") + ": θ is empty, L = " + loss;
        } else {
            msg = String.format("gradient check %s: ‖g − g_FD‖/max(‖g‖,‖g_FD‖) = %.3e (limit %.0e)%s; worst component "
                            + "%s: analytic %.17g vs finite difference %.17g (|diff| = %.3e, %.3g× its tolerance); "
                            + "L = %.17g, %d components",
                    passed ? "passed" : "FAILED", rel, NORM_TOLERANCE, normOk ? "" : " EXCEEDED",
                    ParamNames.describe(layout, worst), a, f, Math.abs(a - f), worstExcess, loss, g.length);
        }
        return new GradientCheckResult(passed, rel, worst, slice, a, f, worstExcess, loss, fd, msg);
    }
}
