package dev.pnn.modelfree;

import dev.pnn.spi.Rng;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracles of ALGORITHMS.md §8 for the perturbative estimators and population methods. */
class PerturbativeProperties {

    /** L = ½θᵀAθ + bᵀθ + a Σθᵢ³ with A symmetric, drawn from a seed. */
    record Poly(int p, double[] a, double[] b, double cubic) implements Objective {
        static Poly random(int p, long seed, double cubic) {
            Rng rng = new Rng(seed);
            double[] a = new double[p * p], b = new double[p];
            for (int i = 0; i < p; i++) {
                b[i] = rng.nextGaussian();
                for (int j = 0; j <= i; j++) a[i * p + j] = a[j * p + i] = rng.nextGaussian();
            }
            return new Poly(p, a, b, cubic);
        }

        @Override
        public double value(double[] t) {
            double s = 0;
            for (int i = 0; i < p; i++) {
                s += b[i] * t[i] + cubic * t[i] * t[i] * t[i];
                for (int j = 0; j < p; j++) s += 0.5 * t[i] * a[i * p + j] * t[j];
            }
            return s;
        }

        double[] gradient(double[] t) {
            double[] g = new double[p];
            for (int i = 0; i < p; i++) {
                g[i] = b[i] + 3 * cubic * t[i] * t[i];
                for (int j = 0; j < p; j++) g[i] += a[i * p + j] * t[j];
            }
            return g;
        }
    }

    static double[] randomVector(int p, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[p];
        for (int i = 0; i < p; i++) v[i] = rng.nextGaussian();
        return v;
    }

    /** Mean of ĝ and of ‖ĝ‖² over all 2ᴾ sign vectors. */
    static double[] enumerateSpsa(Objective f, double[] theta, double c, double[] meanSquareOut) {
        int p = theta.length;
        double[] mean = new double[p], one = new double[p], delta = new double[p];
        Spsa spsa = new Spsa();
        double sq = 0;
        int n = 1 << p;
        for (int mask = 0; mask < n; mask++) {
            for (int i = 0; i < p; i++) delta[i] = ((mask >> i) & 1) == 0 ? 1 : -1;
            java.util.Arrays.fill(one, 0);
            spsa.accumulate(f, theta, delta, c, 1.0, one);
            double s = 0;
            for (int i = 0; i < p; i++) {
                mean[i] += one[i] / n;
                s += one[i] * one[i];
            }
            sq += s / n;
        }
        meanSquareOut[0] = sq;
        return mean;
    }

    @Property(tries = 60)
    void spsaExactMeanOverAllSignsIsTheGradientOfAQuadratic(@ForAll @IntRange(min = 1, max = 10) int p,
                                                             @ForAll long seed,
                                                             @ForAll @DoubleRange(min = 1e-3, max = 2) @Scale(6) double c) {
        Poly q = Poly.random(p, seed, 0);
        double[] theta = randomVector(p, seed + 1);
        double[] ms = new double[1];
        double[] mean = enumerateSpsa(q, theta, c, ms);
        double[] g = q.gradient(theta);
        double scale = 1 + norm(g) + c * c * maxAbs(q.a());
        for (int i = 0; i < p; i++) assertEquals(g[i], mean[i], 1e-12 * scale * p, "component " + i);
        double g2 = norm(g) * norm(g);
        assertEquals(p * g2, ms[0], 1e-11 * (p * g2 + scale * scale), "mean ‖ĝ‖² = P‖∇L‖²");
    }

    @Property(tries = 40)
    void spsaBiasOnACubicIsACSquared(@ForAll @IntRange(min = 1, max = 8) int p, @ForAll long seed,
                                     @ForAll @DoubleRange(min = 0.05, max = 0.5) double c,
                                     @ForAll @DoubleRange(min = -1, max = 1) double a) {
        Poly f = Poly.random(p, seed, a);
        double[] theta = randomVector(p, seed + 7);
        double[] mean = enumerateSpsa(f, theta, c, new double[1]);
        double[] g = f.gradient(theta);
        for (int i = 0; i < p; i++)
            assertEquals(a * c * c, mean[i] - g[i], 1e-11 * (1 + norm(g) + maxAbs(f.a())), "bias of component " + i);
    }

    /** A smooth non-polynomial function with nonzero second and third derivatives everywhere. */
    static final Objective SMOOTH = t -> {
        double s = 0;
        for (int i = 0; i < t.length; i++) s += Math.exp(0.5 * t[i]) + Math.sin(t[i]) * t[(i + 1) % t.length];
        return s;
    };

    static double[] smoothGradient(double[] t) {
        int p = t.length;
        double[] g = new double[p];
        for (int i = 0; i < p; i++) {
            g[i] += 0.5 * Math.exp(0.5 * t[i]) + Math.cos(t[i]) * t[(i + 1) % p];
            g[(i + 1) % p] += Math.sin(t[i]);
        }
        return g;
    }

    @Property(tries = 50)
    void finiteDifferenceErrorsShrinkAtOrderOneAndTwo(@ForAll @IntRange(min = 2, max = 6) int p, @ForAll long seed) {
        double[] theta = randomVector(p, seed);
        double[] exact = smoothGradient(theta);
        for (FiniteDifferences.Scheme scheme : FiniteDifferences.Scheme.values()) {
            double h = scheme == FiniteDifferences.Scheme.FORWARD ? 1e-3 : 1e-2;
            double e1 = fdError(scheme, h, theta, exact), e2 = fdError(scheme, h / 2, theta, exact);
            double ratio = e1 / e2;
            if (scheme == FiniteDifferences.Scheme.FORWARD) assertTrue(ratio > 1.8 && ratio < 2.2, "forward ratio " + ratio);
            else assertTrue(ratio > 3.5 && ratio < 4.5, "central ratio " + ratio);
        }
    }

    private static double fdError(FiniteDifferences.Scheme scheme, double h, double[] theta, double[] exact) {
        double[] g = new double[theta.length];
        new FiniteDifferences(scheme, h).estimate(SMOOTH, theta, g);
        double e = 0;
        for (int i = 0; i < g.length; i++) e += (g[i] - exact[i]) * (g[i] - exact[i]);
        return Math.sqrt(e);
    }

    @Example
    void finiteDifferencesCostPPlusOneOrTwoP() {
        int[] calls = new int[1];
        Objective counted = t -> {
            calls[0]++;
            return SMOOTH.value(t);
        };
        double[] theta = randomVector(5, 3), g = new double[5];
        new FiniteDifferences(FiniteDifferences.Scheme.FORWARD, 1e-3).estimate(counted, theta, g);
        assertEquals(6, calls[0]);
        calls[0] = 0;
        new FiniteDifferences(FiniteDifferences.Scheme.CENTRAL, 1e-3).estimate(counted, theta, g);
        assertEquals(10, calls[0]);
    }

    @Example
    void gaussianZoMeanSquaredErrorOnALinearLossIsPPlusOneOverN() {
        int p = 50, reps = 20_000;
        double[] w = randomVector(p, 11);
        Objective linear = t -> {
            double s = 0;
            for (int i = 0; i < p; i++) s += w[i] * t[i];
            return s;
        };
        double w2 = norm(w) * norm(w);
        for (int n : new int[]{1, 10}) {
            GaussianZo zo = new GaussianZo(0.1, n);
            Rng rng = new Rng(5 + n);
            double[] theta = randomVector(p, 2), g = new double[p];
            double mse = 0;
            for (int r = 0; r < reps; r++) {
                zo.estimate(linear, theta, rng, g);
                for (int i = 0; i < p; i++) mse += (g[i] - w[i]) * (g[i] - w[i]) / reps;
            }
            double expected = (p + 1) * w2 / n;
            assertEquals(expected, mse, 0.05 * expected, "N = " + n);
        }
    }

    @Example
    void esDrivesTheSphereBelowOneEMinus20() {
        for (long seed = 0; seed < 5; seed++) {
            double[] theta = new double[10];
            java.util.Arrays.fill(theta, 1.0);
            EvolutionStrategy es = new EvolutionStrategy(0.1, 20, 0.05, false, seed);
            for (int it = 0; it < 300; it++) es.step(PerturbativeProperties::sphere, theta);
            assertTrue(sphere(theta) < 1e-20, "seed " + seed + ": f = " + sphere(theta));
        }
    }

    @Example
    void esWithRankShapingStillDescendsOnTheSphere() {
        double[] theta = new double[10];
        java.util.Arrays.fill(theta, 1.0);
        EvolutionStrategy es = new EvolutionStrategy(0.1, 20, 0.05, true, 1);
        for (int it = 0; it < 300; it++) es.step(PerturbativeProperties::sphere, theta);
        assertTrue(sphere(theta) < 1e-2 * 10, "f = " + sphere(theta));
    }

    @Example
    void esEstimatorMeanOnTheSphereIsTwoTheta() {
        // One ES step with lr = 1 moves θ by −ĝ; averaging over many seeds gives E ĝ = 2θ within 4 standard errors.
        int p = 4, reps = 4000;
        double[] theta0 = {0.3, -1.2, 0.7, 2.0};
        double[] mean = new double[p], sq = new double[p];
        for (int r = 0; r < reps; r++) {
            double[] t = theta0.clone();
            new EvolutionStrategy(0.1, 1, 1.0, false, r).step(PerturbativeProperties::sphere, t);
            for (int i = 0; i < p; i++) {
                double g = theta0[i] - t[i];
                mean[i] += g / reps;
                sq[i] += g * g / reps;
            }
        }
        for (int i = 0; i < p; i++) {
            double se = Math.sqrt((sq[i] - mean[i] * mean[i]) / reps);
            assertEquals(2 * theta0[i], mean[i], 4 * se, "component " + i);
        }
    }

    @Example
    void cmaesSolvesTheSphereWithin3000Evaluations() {
        for (long seed = 0; seed < 10; seed++) {
            double[] x = new double[10];
            java.util.Arrays.fill(x, 1.0);
            CmaEs cma = new CmaEs(10, 0.5, 0, new Rng(seed));
            while (sphere(x) >= 1e-10 && cma.evaluations() < 3000) cma.step(PerturbativeProperties::sphere, x);
            assertTrue(sphere(x) < 1e-10, "seed " + seed + ": f = " + sphere(x) + " after " + cma.evaluations());
        }
    }

    @Example
    void cmaesUsesHansensDefaultPopulation() {
        CmaEs cma = new CmaEs(10, 0.5, 0, new Rng(0));
        assertEquals(4 + (int) Math.floor(3 * Math.log(10)), cma.lambda);
        assertEquals(cma.lambda / 2, cma.mu);
    }

    @Example
    void centredRanksSpanMinusHalfToHalf() {
        double[] plus = {3, 1}, minus = {2, 10};
        EvolutionStrategy.centredRanks(plus, minus);
        assertEquals(2 / 3.0 - 0.5, plus[0], 1e-15);
        assertEquals(-0.5, plus[1], 1e-15);
        assertEquals(-0.5 + 1 / 3.0, minus[0], 1e-15);
        assertEquals(0.5, minus[1], 1e-15);
    }

    static double sphere(double[] t) {
        double s = 0;
        for (double v : t) s += v * v;
        return s;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }
}
