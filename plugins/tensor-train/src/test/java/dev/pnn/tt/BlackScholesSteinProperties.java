package dev.pnn.tt;

import dev.pnn.spi.device.ForwardView;
import net.jqwik.api.*;
import net.jqwik.api.constraints.DoubleRange;

import static org.junit.jupiter.api.Assertions.*;

/** The Stein-estimated Black–Scholes residual of the analytic price is O(σ²) away from the kink (ALGORITHMS §9). */
class BlackScholesSteinProperties {

    /** A "device" whose network is the analytic price in normalized coordinates, w = u/scale. */
    static ForwardView analytic(PdeProblem p) {
        return (theta, in, out) -> {
            out.rows(in.rows());
            for (int r = 0; r < in.rows(); r++)
                out.re[r] = PdeProblemTest.solution(p, p.physical(0, in.re[2 * r]), p.physical(1, in.re[2 * r + 1])) / p.scale();
        };
    }

    static double residual(double sigma, double s, double t) {
        return residual(sigma, new double[]{s}, new double[]{t});
    }

    /** Root-mean-square Stein residual over the points (s[i], t[i]), in price units. */
    static double residual(double sigma, double[] s, double[] t) {
        PdeProblem p = PdeProblem.from(BlackScholesPlan.plan(BlackScholesPlan.stein(sigma), 1, 0));
        PinnObjective o = new PinnObjective(p);
        double[] points = new double[2 * s.length];
        for (int i = 0; i < s.length; i++) {
            points[2 * i] = p.normalized(0, s[i]);
            points[2 * i + 1] = p.normalized(1, t[i]);
        }
        o.setPoints(points, s.length, s.length);
        return Math.sqrt(o.loss(new double[0], analytic(p))) * p.scale();
    }

    /*
     * Why a set of points and not one: the residual at one point is |a(S,t)σ² + b(S,t)σ⁴ + …|, and the leading
     * coefficient a crosses zero along curves in (S,t) (a scan of 60..160 × 0.05..0.5 found single-point ratios
     * r(0.02)/r(0.01) from 1.2 to 15 right beside those curves). The order in σ is a statement about the size of the
     * residual, so it is checked on the RMS over a random set of points, where a zero of a at one point cannot
     * dominate. Over 400 such sets the ratio r(0.02)/r(0.01) lay in 3.945..4.002 (exactly 4 if there were no σ⁴ term);
     * the window 3.8..4.2 leaves room for that term and still fails for first order (2) or fourth order (16).
     */
    @Property(tries = 25)
    void residualIsSecondOrderInSigma(@ForAll long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int n = 24;
        double[] s = new double[n], t = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 60 + 100 * rng.nextDouble();
            t[i] = 0.05 + 0.45 * rng.nextDouble();
        }
        double r1 = residual(0.02, s, t), r2 = residual(0.01, s, t);
        double ratio = r1 / r2;
        assertTrue(ratio > 3.8 && ratio < 4.2, "ratio " + ratio + " over seed " + seed + ": " + r1 + " vs " + r2);
    }

    @Example
    void specValueAtTheMoney() {
        // ALGORITHMS.md: the residual is 1.5e-2 at σ = 0.01 at (100, 0.3)
        assertEquals(1.5e-2, residual(0.01, 100, 0.3), 0.1e-2);
    }
}
