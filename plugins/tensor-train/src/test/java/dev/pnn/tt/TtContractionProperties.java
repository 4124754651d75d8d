package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TtContractionProperties {

    static TtShape randomShape(Rng rng) {
        int k = 1 + rng.nextInt(3);
        int[] ms = new int[k], ns = new int[k], rs = new int[k + 1];
        rs[0] = rs[k] = 1;
        for (int i = 0; i < k; i++) {
            ms[i] = 1 + rng.nextInt(4);
            ns[i] = 1 + rng.nextInt(4);
        }
        for (int i = 1; i < k; i++) rs[i] = 1 + rng.nextInt(4);
        return new TtShape(ms, ns, rs);
    }

    static double[] gaussian(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }

    @Property(tries = 100)
    void contractionEqualsDenseProduct(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int rows) {
        Rng rng = new Rng(seed);
        TtShape s = randomShape(rng);
        int off = rng.nextInt(5);
        double[] theta = gaussian(rng, off + s.paramCount());
        double[] w = TtContraction.dense(s, theta, off);
        int m = s.rows(), n = s.cols();
        double[] x = gaussian(rng, rows * n), y = new double[rows * m];
        new TtContraction(s, rows).forward(theta, off, x, rows, y);
        for (int b = 0; b < rows; b++)
            for (int i = 0; i < m; i++) {
                double ref = 0;
                for (int j = 0; j < n; j++) ref += w[i * n + j] * x[b * n + j];
                assertEquals(ref, y[b * m + i], 1e-12 * (1 + Math.abs(ref)));
            }
    }

    @Property(tries = 60)
    void denseMatchesDefiningProductEntryWise(@ForAll long seed) {
        Rng rng = new Rng(seed);
        TtShape s = randomShape(rng);
        double[] theta = gaussian(rng, s.paramCount());
        double[] w = TtContraction.dense(s, theta, 0);
        for (int i = 0; i < s.rows(); i++)
            for (int j = 0; j < s.cols(); j++)
                assertEquals(TtContraction.entry(s, theta, 0, i, j), w[i * s.cols() + j], 1e-13);
    }

    @Test
    void bigEndianIndexConventionOnASingleNonzero() {
        // cores of rank 1 that are one-hot pick exactly W[i, j] with i = i1*m2 + i2, j = j1*n2 + j2
        TtShape s = new TtShape(new int[]{2, 3}, new int[]{3, 2}, new int[]{1, 1, 1});
        double[] theta = new double[s.paramCount()];
        int i1 = 1, i2 = 2, j1 = 2, j2 = 0;
        theta[s.coreOffset(0) + i1 * 3 + j1] = 1;
        theta[s.coreOffset(1) + i2 * 2 + j2] = 1;
        double[] w = TtContraction.dense(s, theta, 0);
        int i = i1 * 3 + i2, j = j1 * 2 + j2;
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 6; c++) assertEquals(r == i && c == j ? 1.0 : 0.0, w[r * 6 + c]);
    }

    @Property(tries = 60)
    void backwardMatchesCentralDifferences(@ForAll long seed) {
        Rng rng = new Rng(seed);
        TtShape s = randomShape(rng);
        int rows = 1 + rng.nextInt(3);
        double[] theta = gaussian(rng, s.paramCount());
        double[] x = gaussian(rng, rows * s.cols()), ybar = gaussian(rng, rows * s.rows());
        TtContraction c = new TtContraction(s, rows);
        double[] y = new double[rows * s.rows()];
        c.forward(theta, 0, x, rows, y);
        double[] gTheta = new double[theta.length], gx = new double[x.length];
        c.backward(theta, 0, ybar, gx, gTheta);
        double h = 1e-6;
        for (int p = 0; p < theta.length; p++) {
            double keep = theta[p];
            theta[p] = keep + h;
            double lp = dot(c, theta, x, rows, ybar);
            theta[p] = keep - h;
            double lm = dot(c, theta, x, rows, ybar);
            theta[p] = keep;
            assertEquals((lp - lm) / (2 * h), gTheta[p], 1e-6 * (1 + Math.abs(gTheta[p])));
        }
        for (int p = 0; p < x.length; p++) {
            double keep = x[p];
            x[p] = keep + h;
            double lp = dot(c, theta, x, rows, ybar);
            x[p] = keep - h;
            double lm = dot(c, theta, x, rows, ybar);
            x[p] = keep;
            assertEquals((lp - lm) / (2 * h), gx[p], 1e-6 * (1 + Math.abs(gx[p])));
        }
    }

    private static double dot(TtContraction c, double[] theta, double[] x, int rows, double[] ybar) {
        double[] y = new double[ybar.length];
        c.forward(theta, 0, x, rows, y);
        double s = 0;
        for (int i = 0; i < y.length; i++) s += y[i] * ybar[i];
        return s;
    }

    @Test
    void parameterCountsOfTheSpecExamples() {
        assertEquals(424, new TtShape(new int[]{4, 4, 4}, new int[]{2, 4, 8}, new int[]{1, 3, 5, 1}).paramCount());
        assertEquals(896, new TtShape(new int[]{4, 4, 4, 4, 4}, new int[]{4, 4, 4, 4, 4}, new int[]{1, 4, 4, 4, 4, 1}).paramCount());
    }

    @Property(tries = 100)
    void parameterCountFormula(@ForAll long seed) {
        TtShape s = randomShape(new Rng(seed));
        int p = 0;
        for (int k = 0; k < s.cores(); k++) p += s.ranks()[k] * s.ms()[k] * s.ns()[k] * s.ranks()[k + 1];
        assertEquals(p, s.paramCount());
    }

    @Test
    void badShapesAreRefusedWithActionableMessages() {
        PnnException e = assertThrows(PnnException.class, () -> new TtShape(new int[]{2, 2}, new int[]{2, 2}, new int[]{1, 2, 2}));
        assertTrue(e.getMessage().contains("first and last rank"), e.getMessage());
        assertThrows(PnnException.class, () -> new TtShape(new int[]{2}, new int[]{2, 2}, new int[]{1, 1}));
        assertThrows(PnnException.class, () -> new TtShape(new int[]{2, 2}, new int[]{2, 2}, new int[]{1, 1}));
    }
}
