package dev.pnn.modelfree;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracles of ALGORITHMS.md §14 for the ridge readout. */
class ReadoutProperties {

    static double[] gaussian(int n, Rng rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }

    /** Max-norm of Φ̃ᵀ(Φ̃W̃ − Y) + λDᵀDW̃, the gradient of the ridge objective (/2). */
    static double stationarity(double[] phi, int n, int m, double[] y, int k, double lambda, Ridge.Solution s) {
        double worst = 0;
        for (int i = 0; i <= m; i++)
            for (int j = 0; j < k; j++) {
                double g = 0;
                for (int r = 0; r < n; r++) {
                    double pred = s.bias()[j];
                    for (int q = 0; q < m; q++) pred += phi[r * m + q] * s.w()[q * k + j];
                    double feature = i < m ? phi[r * m + i] : 1.0;
                    g += feature * (pred - y[r * k + j]);
                }
                if (i < m) g += lambda * s.w()[i * k + j];
                worst = Math.max(worst, Math.abs(g));
            }
        return worst;
    }

    static double scale(double[] phi, double[] y) {
        double a = 0, b = 0;
        for (double v : phi) a = Math.max(a, Math.abs(v));
        for (double v : y) b = Math.max(b, Math.abs(v));
        return (1 + a * a) * (1 + b) * phi.length;
    }

    @Property(tries = 80)
    void primalAndDualSolutionsAreStationaryAndEqual(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int n,
                                                     @ForAll @IntRange(min = 1, max = 12) int m,
                                                     @ForAll @IntRange(min = 1, max = 3) int k,
                                                     @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double lambda) {
        Rng rng = new Rng(seed);
        double[] phi = gaussian(n * m, rng), y = gaussian(n * k, rng);
        Ridge.Solution p = Ridge.solve(phi, n, m, y, k, lambda, true, Ridge.Form.PRIMAL);
        Ridge.Solution d = Ridge.solve(phi, n, m, y, k, lambda, true, Ridge.Form.DUAL);
        double sc = scale(phi, y);
        assertTrue(stationarity(phi, n, m, y, k, lambda, p) < 1e-10 * sc, "primal stationarity");
        assertTrue(stationarity(phi, n, m, y, k, lambda, d) < 1e-10 * sc, "dual stationarity");
        for (int i = 0; i < m * k; i++) assertEquals(p.w()[i], d.w()[i], 1e-10 * (1 + Math.abs(p.w()[i])), "w " + i);
        for (int j = 0; j < k; j++) assertEquals(p.bias()[j], d.bias()[j], 1e-10 * (1 + Math.abs(p.bias()[j])), "bias " + j);
    }

    @Property(tries = 50)
    void vanishingPenaltyGivesLeastSquares(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int m) {
        // Full column rank (n = 3m + 2 Gaussian rows): λ = 0 solves the normal equations, residual ⟂ features and 1.
        int n = 3 * m + 2, k = 2;
        Rng rng = new Rng(seed);
        double[] phi = gaussian(n * m, rng), y = gaussian(n * k, rng);
        Ridge.Solution s = Ridge.solve(phi, n, m, y, k, 0.0, true, Ridge.Form.AUTO);
        assertEquals(Ridge.Form.PRIMAL, s.form());
        assertTrue(stationarity(phi, n, m, y, k, 0.0, s) < 1e-10 * scale(phi, y));
    }

    @Example
    void theBiasIsNotPenalized() {
        // Constant targets far from 0 and tiny random features: a huge λ kills W, the bias still fits the mean.
        Rng rng = new Rng(3);
        int n = 20, m = 3;
        double[] phi = gaussian(n * m, rng), y = new double[n];
        java.util.Arrays.fill(y, 7.0);
        Ridge.Solution s = Ridge.solve(phi, n, m, y, 1, 1e9, true, Ridge.Form.PRIMAL);
        assertEquals(7.0, s.bias()[0], 1e-6);
    }

    @Example
    void readoutTrainerFitsAFixedRandomFeatureMapAndLeavesItAlone() {
        // Extreme learning machine: fixed random tanh layer, ridge readout. Labels from a random linear teacher on
        // the features are fitted well above chance; the fixed layer's parameters are untouched.
        Graph g = new ChainDevice.Builder(5).linear("fixed", 40).op("phi", "tanh").linear("out", 3).build();
        ChainDevice dev = new ChainDevice(g);
        double[] theta = Fixtures.theta(g, 1, 1.0), before = theta.clone();
        Rng rng = new Rng(2);
        int n = 300;
        double[] x = gaussian(n * 5, rng);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) labels[r] = x[r * 5] + 0.5 * x[r * 5 + 1] > 0.3 ? 0 : x[r * 5 + 2] > 0 ? 1 : 2;
        Examples train = new Examples(x, 5, labels, 3, null, 0);
        TestContext ctx = new TestContext(dev, TestLosses.CROSS_ENTROPY, 0);
        ReadoutTrainer t = (ReadoutTrainer) new ReadoutTrainer.Factory().create(Fixtures.args("readout", "lambda", 1e-2), ctx);
        t.prepare(theta, train);
        assertEquals(n, dev.queries().total(), "features of the training set measured once, one query per sample");
        Node fixed = g.node("fixed").orElseThrow();
        for (int i = 0; i < fixed.paramCount(); i++) assertEquals(before[i], theta[i], 0.0);
        var batch = train.newBatch(n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        train.fill(order, 0, n, batch);
        var out = dev.spi().forward(theta, batch.inputs());
        int correct = 0;
        for (int b = 0; b < n; b++) {
            int best = 0;
            for (int c = 1; c < 3; c++) if (out.get(b, c) > out.get(b, best)) best = c;
            if (best == labels[b]) correct++;
        }
        assertTrue(correct / (double) n > 0.85, "train accuracy " + correct / (double) n);
        assertTrue(ctx.storedDoubles >= (long) n * 40, "reports at least the feature matrix");
        double loss = t.update(theta, batch);
        assertTrue(Double.isFinite(loss));
        assertEquals(3L * n, dev.queries().total(), "prepare, this test's own forward pass, and update: n each");
    }
}
