package dev.pnn.noise;

import dev.pnn.spi.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticErrorProperties {
    private static double[] base(int n, long seed) {
        Rng r = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 4 * r.nextDouble() - 2;
        return v;
    }

    @Property(tries = 100)
    void sameSeedSameInstanceBitForBit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 50) int n,
                                       @ForAll @DoubleRange(min = 0, max = 0.5) double sigma) {
        GaussianError g = new GaussianError(sigma, GaussianError.Reading.ANGLE);
        double[] a = base(n, 7), b = base(n, 7);
        g.perturb(a, 0, n, new Rng(seed));
        g.perturb(b, 0, n, new Rng(seed));
        assertArrayEquals(a, b, 0.0);
    }

    @Property(tries = 50)
    void differentSeedsDifferentErrors(@ForAll long seed) {
        GaussianError g = new GaussianError(0.05, GaussianError.Reading.ANGLE);
        double[] a = new double[8], b = new double[8];
        g.perturb(a, 0, 8, new Rng(seed));
        g.perturb(b, 0, 8, new Rng(seed + 1));
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Property(tries = 50)
    void zeroSigmaLeavesValuesBitwiseUnchanged(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int n) {
        double[] a = base(n, seed), b = a.clone();
        new GaussianError(0, GaussianError.Reading.ANGLE).perturb(a, 0, n, new Rng(seed));
        assertArrayEquals(b, a, 0.0);
    }

    @Test
    void angleReadingHasTheRequestedSpread() {
        int n = 200_000;
        double[] v = new double[n];
        new GaussianError(0.05, GaussianError.Reading.ANGLE).perturb(v, 0, n, new Rng(3));
        double mean = 0, sq = 0;
        for (double x : v) {
            mean += x;
            sq += x * x;
        }
        mean /= n;
        double var = sq / n - mean * mean;
        assertTrue(Math.abs(mean) < 4 * 0.05 / Math.sqrt(n), "mean " + mean);
        assertEquals(0.05 * 0.05, var, 4 * Math.sqrt(2.0 / n) * 0.05 * 0.05);
    }

    /** Ratio reading: the drawn angle δ makes the bar fraction cos²(π/4 + δ) equal ½ + ε exactly. */
    @Property(tries = 200)
    void ratioReadingGivesTheSplitRatioError(@ForAll @DoubleRange(min = -0.49, max = 0.49) double eps) {
        double delta = GaussianError.splitterAngle(eps);
        double c = Math.cos(Math.PI / 4 + delta);
        assertEquals(0.5 + eps, c * c, 1e-14);
    }

    @Test
    void ratioReadingClipsImpossibleRatios() {
        assertEquals(-Math.PI / 4, GaussianError.splitterAngle(0.7), 0.0);
        assertEquals(Math.PI / 4, GaussianError.splitterAngle(-3), 0.0);
    }

    @Test
    void ratioReadingIsSmallAngleConsistent() {
        // For small errors the angle std is the ratio std (δ ≈ −ε): the §2.4 remark that σ_bs ≈ split-ratio std.
        double[] v = new double[100_000];
        new GaussianError(0.01, GaussianError.Reading.RATIO).perturb(v, 0, v.length, new Rng(11));
        double sq = 0;
        for (double x : v) sq += x * x;
        assertEquals(0.01, Math.sqrt(sq / v.length), 2e-4);
    }

    @Test
    void insertionLossAddsDecibelsAndClipsGain() {
        double[] v = new double[4];
        new InsertionLoss(0.2, 0).perturb(v, 0, 4, new Rng(1));
        assertArrayEquals(new double[]{0.2, 0.2, 0.2, 0.2}, v, 0.0);
        assertEquals(Math.sqrt(0.5), InsertionLoss.amplitude(10 * Math.log10(2)), 1e-15);
        double[] w = new double[1000];
        new InsertionLoss(0.01, 1.0).perturb(w, 0, w.length, new Rng(2));
        for (double x : w) assertTrue(x >= 0);
    }
}
