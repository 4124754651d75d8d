package dev.pnn.tt;

import dev.pnn.spi.Rng;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.*;

class SteinProperties {

    /** E[z^a] for z ~ N(0,1): (a−1)!! for even a, 0 for odd. */
    static double gaussMoment(int a) {
        if (a % 2 == 1) return 0;
        double m = 1;
        for (int k = a - 1; k > 0; k -= 2) m *= k;
        return m;
    }

    static double integrate(SparseGridRule r, int[] powers) {
        double s = 0;
        for (int k = 0; k < r.size(); k++) {
            double v = r.weights()[k];
            for (int j = 0; j < r.dim(); j++) v *= Math.pow(r.node(k, j), powers[j]);
            s += v;
        }
        return s;
    }

    @Test
    void thirteenNodeRuleForTwoDimensions() {
        SparseGridRule r = SparseGridRule.level3(2);
        assertEquals(13, r.size());
        assertEquals(4.0 / 3.0, r.weights()[0], 1e-15);
        double sum = 0;
        for (double w : r.weights()) sum += w;
        assertEquals(1.0, sum, 1e-15);
        for (int a = 0; a <= 6; a++)
            for (int b = 0; a + b <= 6; b++) {
                double exact = gaussMoment(a) * gaussMoment(b), got = integrate(r, new int[]{a, b});
                if (a + b <= 5) assertEquals(exact, got, 1e-14, "x^" + a + " y^" + b);
            }
        // degree 6 fails: x^6 gives 9 instead of 15, x^2 y^4 gives 1 instead of 3
        assertEquals(9.0, integrate(r, new int[]{6, 0}), 1e-12);
        assertEquals(1.0, integrate(r, new int[]{2, 4}), 1e-12);
    }

    @Property(tries = 20)
    void generalDimensionIsExactToDegreeFive(@ForAll @IntRange(min = 1, max = 5) int d, @ForAll long seed) {
        SparseGridRule r = SparseGridRule.level3(d);
        assertEquals(d == 1 ? 3 : 2 * d * d + 2 * d + 1, r.size());
        Rng rng = new Rng(seed);
        for (int trial = 0; trial < 30; trial++) {
            int[] p = new int[d];
            int budget = rng.nextInt(6);
            for (int k = 0; k < budget; k++) p[rng.nextInt(d)]++;
            double exact = 1;
            for (int j = 0; j < d; j++) exact *= gaussMoment(p[j]);
            assertEquals(exact, integrate(r, p), 1e-12, java.util.Arrays.toString(p));
        }
    }

    static double[] evalAtRule(SteinEstimator st, double[] x, ToDoubleFunction<double[]> f) {
        int q = st.queriesPerPoint(), d = x.length;
        double[] pts = new double[q * d];
        st.queryPoints(x, 0, pts, 0);
        double[] fv = new double[q];
        for (int k = 0; k < q; k++) fv[k] = f.applyAsDouble(java.util.Arrays.copyOfRange(pts, k * d, k * d + d));
        return fv;
    }

    @Property(tries = 50)
    void exactOnQuadratics(@ForAll long seed) {
        Rng rng = new Rng(seed);
        double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian(), e = rng.nextGaussian(),
                g = rng.nextGaussian(), h = rng.nextGaussian();
        ToDoubleFunction<double[]> f = v -> a * v[0] * v[0] + b * v[0] * v[1] + c * v[1] * v[1] + e * v[0] + g * v[1] + h;
        double[] x = {rng.nextGaussian(), rng.nextGaussian()};
        for (double sigma : new double[]{1, 0.1, 0.01}) {
            SteinEstimator st = new SteinEstimator(SparseGridRule.level3(2), new double[]{sigma, sigma});
            double[] fv = evalAtRule(st, x, f);
            assertEquals(2 * a * x[0] + b * x[1] + e, st.gradient(fv, 0, 0), 1e-12 * (1 + Math.abs(a) + Math.abs(b) + Math.abs(e)) * 10);
            assertEquals(b * x[0] + 2 * c * x[1] + g, st.gradient(fv, 0, 1), 1e-12 * 10 * (1 + Math.abs(b) + Math.abs(c) + Math.abs(g)));
            assertEquals(2 * a, st.hessian(fv, 0, 0, 0), 1e-10 * (1 + Math.abs(a)) * 10);
            assertEquals(b, st.hessian(fv, 0, 0, 1), 1e-10 * (1 + Math.abs(b)) * 10);
            assertEquals(2 * c, st.hessian(fv, 0, 1, 1), 1e-10 * (1 + Math.abs(c)) * 10);
        }
    }

    @Property(tries = 50)
    void cubicIdentity(@ForAll long seed) {
        // f = a x^3 + b x^2 y + c x y^2 + e y^3; ∇u = ∇f + (σ²/2)∇Δf, Δf = 6ax + 2by + 2cx + 6ey
        Rng rng = new Rng(seed);
        double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian(), e = rng.nextGaussian();
        ToDoubleFunction<double[]> f = v -> a * v[0] * v[0] * v[0] + b * v[0] * v[0] * v[1] + c * v[0] * v[1] * v[1] + e * v[1] * v[1] * v[1];
        double[] x = {rng.nextGaussian(), rng.nextGaussian()};
        double sigma = 0.3;
        SteinEstimator st = new SteinEstimator(SparseGridRule.level3(2), new double[]{sigma, sigma});
        double[] fv = evalAtRule(st, x, f);
        double fx = 3 * a * x[0] * x[0] + 2 * b * x[0] * x[1] + c * x[1] * x[1];
        double fy = b * x[0] * x[0] + 2 * c * x[0] * x[1] + 3 * e * x[1] * x[1];
        double s2 = sigma * sigma / 2;
        // tolerance scaled by the size of the terms involved (values up to ~|coef|·|x|³)
        double scale = 1 + Math.abs(a) + Math.abs(b) + Math.abs(c) + Math.abs(e);
        scale *= 1 + Math.pow(Math.abs(x[0]) + Math.abs(x[1]) + 1, 3);
        assertEquals(fx + s2 * (6 * a + 2 * c), st.gradient(fv, 0, 0), 1e-12 * scale * 10);
        assertEquals(fy + s2 * (2 * b + 6 * e), st.gradient(fv, 0, 1), 1e-12 * scale * 10);
    }

    @Test
    void secondOrderConvergenceOnASmoothFunction() {
        ToDoubleFunction<double[]> f = v -> Math.sin(1.3 * v[0]) * Math.exp(0.7 * v[1]) + Math.cos(v[0] * v[1]);
        double[] x = {0.4, -0.3};
        double[] exact = {1.3 * Math.cos(1.3 * x[0]) * Math.exp(0.7 * x[1]) - x[1] * Math.sin(x[0] * x[1]),
                0.7 * Math.sin(1.3 * x[0]) * Math.exp(0.7 * x[1]) - x[0] * Math.sin(x[0] * x[1])};
        double exactHxx = -1.69 * Math.sin(1.3 * x[0]) * Math.exp(0.7 * x[1]) - x[1] * x[1] * Math.cos(x[0] * x[1]);
        double prevG = Double.NaN, prevH = Double.NaN;
        for (double sigma : new double[]{0.2, 0.1, 0.05}) {
            SteinEstimator st = new SteinEstimator(SparseGridRule.level3(2), new double[]{sigma, sigma});
            double[] fv = evalAtRule(st, x, f);
            double errG = Math.hypot(st.gradient(fv, 0, 0) - exact[0], st.gradient(fv, 0, 1) - exact[1]);
            double errH = Math.abs(st.hessian(fv, 0, 0, 0) - exactHxx);
            if (!Double.isNaN(prevG)) {
                assertTrue(prevG / errG > 3.5 && prevG / errG < 4.5, "gradient ratio " + prevG / errG);
                assertTrue(prevH / errH > 3.5 && prevH / errH < 4.5, "hessian ratio " + prevH / errH);
            }
            prevG = errG;
            prevH = errH;
        }
    }
}
