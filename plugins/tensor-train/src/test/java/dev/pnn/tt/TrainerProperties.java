package dev.pnn.tt;

import dev.pnn.spi.Capability;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import net.jqwik.api.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class TrainerProperties {
    private static final Graph NET = TestNets.pinnNet();
    private static final Batch NO_BATCH = null;   // interior points come from the plan's collocation entry

    private static Args zoArgs(Map<String, Value> m) {
        return new Args("tt_zo", m);
    }

    @Test
    void ttZoDeclaresOnlyForwardAndPinnBackpropOnlyTheJetTwin() {
        assertEquals(Set.of(Capability.FORWARD), new TtZoFactory().requires());
        assertEquals(Set.of(new Capability("tt.jets")), new PinnBackpropFactory().requires());
    }

    @Test
    void ttZoCountsQueriesAndIsDeterministic() {
        var plan = BlackScholesPlan.plan(BlackScholesPlan.stein(0.02), 16, 4);
        double[] th = TestNets.theta(NET, 3);
        double[][] grads = new double[2][th.length];
        for (int run = 0; run < 2; run++) {
            FakeContext ctx = FakeContext.of(NET, plan, 11);
            var tr = (GradientTrainer) new TtZoFactory().create(zoArgs(Map.of("queries", new Value.Num(4))), ctx);
            tr.gradient(th, NO_BATCH, grads[run]);
            // (N + 1) loss evaluations, each 13 nodes × (16 interior + 3 conditions × 4 face points)
            assertEquals(5L * 13 * (16 + 12), ctx.device().queries().get(QueryKind.FORWARD));
        }
        assertArrayEquals(grads[0], grads[1], 0.0);
        assertTrue(java.util.Arrays.stream(grads[0]).anyMatch(g -> g != 0));
    }

    /**
     * Both PDE trainers score the final θ against the plan's solution: tt_zo the Stein-smoothed network through
     * forward queries, pinn_backprop the network itself through order-0 jets; each equals the comparison computed
     * directly, and only the evaluation device is queried.
     */
    @Test
    void finalScoresAreTheErrorAgainstThePlansSolution() {
        double[] th = TestNets.theta(NET, 5);
        for (boolean zo : new boolean[]{true, false}) {
            var plan = BlackScholesPlan.plan(zo ? BlackScholesPlan.stein(0.02) : new Value.Sym("autodiff"), 8, 2);
            FakeContext ctx = FakeContext.of(NET, plan, 3), eval = FakeContext.of(NET, plan, 3);
            GradientTrainer tr = (GradientTrainer) (zo ? new TtZoFactory().create(zoArgs(Map.of()), ctx)
                    : new PinnBackpropFactory().create(new Args("pinn_backprop", Map.of()), ctx));
            Map<String, Double> scores = tr.finalScores(th, eval.device());
            var expected = new PinnObjective(PdeProblem.from(plan)).compare(th,
                    FakeContext.of(NET, plan, 3).device().view(ForwardView.class));
            double tol = zo ? 0.0 : 1e-12 * expected.relativeL2();   // jets of order 0 vs forward: same map, other code path
            assertEquals(expected.relativeL2(), scores.get("relative_l2_vs_solution"), tol, zo ? "tt_zo" : "pinn_backprop");
            assertEquals(expected.maxAbs(), scores.get("max_abs_error_vs_solution"), zo ? 0.0 : 1e-9);
            assertTrue(expected.relativeL2() > 0.01, "an untrained network is far from the solution");
            assertEquals(0, ctx.device().queries().total(), "scoring must not query the training device");
            assertTrue(eval.device().queries().total() > 0);
        }
    }

    @Test
    void slicewiseAntitheticCostsAsDocumented() {
        var plan = BlackScholesPlan.plan(BlackScholesPlan.stein(0.02), 8, 2);
        FakeContext ctx = FakeContext.of(NET, plan, 1);
        var tr = (GradientTrainer) new TtZoFactory().create(zoArgs(Map.of("queries", new Value.Num(2),
                "antithetic", new Value.Bool(true), "blocks", new Value.Sym("slices"))), ctx);
        tr.gradient(TestNets.theta(NET, 1), NO_BATCH, new double[NET.paramCount()]);
        int slices = NET.slices().size();
        // antithetic: the centre L(θ) cancels and is not measured
        assertEquals((slices * 2L * 2) * 13 * (8 + 6), ctx.device().queries().get(QueryKind.FORWARD));
    }

    @Property(tries = 15)
    void pinnBackpropGradientMatchesCentralDifferences(@ForAll long seed) {
        var plan = BlackScholesPlan.plan(new Value.Sym("autodiff"), 6, 2);
        FakeContext ctx = FakeContext.of(NET, plan, seed);
        var tr = (GradientTrainer) new PinnBackpropFactory().create(new Args("pinn_backprop", Map.of()), ctx);
        double[] th = TestNets.theta(NET, seed);
        double[] g = new double[th.length];
        double l0 = tr.gradient(th, NO_BATCH, g);
        PinnObjective o = new PinnObjective(PdeProblem.from(plan));
        o.sample(0);
        JetView twin = ctx.device().view(JetView.class);
        assertEquals(l0, o.lossAndGradient(th, twin, null), 1e-12 * (1 + l0));
        double h = 1e-6;
        for (int p = 0; p < th.length; p++) {
            double keep = th[p];
            th[p] = keep + h;
            double lp = o.lossAndGradient(th, twin, null);
            th[p] = keep - h;
            double lm = o.lossAndGradient(th, twin, null);
            th[p] = keep;
            double fd = (lp - lm) / (2 * h);
            assertEquals(fd, g[p], 1e-5 * (1 + Math.abs(fd)), "θ[" + p + "]");
        }
    }

    @Test
    void ttZoRefusesAutodiffAndBackpropRefusesStein() {
        var zo = FakeContext.of(NET, BlackScholesPlan.plan(new Value.Sym("autodiff"), 4, 1), 0);
        assertThrows(dev.pnn.spi.PnnException.class, () -> new TtZoFactory().create(zoArgs(Map.of()), zo));
        var bp = FakeContext.of(NET, BlackScholesPlan.plan(BlackScholesPlan.stein(0.02), 4, 1), 0);
        assertThrows(dev.pnn.spi.PnnException.class, () -> new PinnBackpropFactory().create(new Args("p", Map.of()), bp));
    }

    /**
     * ZO variance law (§8, §9) with D = P_TT: on a linear loss L = g·θ, E‖ĝ − g‖² = (D + 1)‖g‖²/N (Gaussian) and
     * (D − 1)‖g‖²/N (Rademacher, since ‖u‖² = D exactly). Checked over R repetitions at a fixed seed: the sample
     * mean must lie within 4 standard errors of the law.
     */
    @Test
    void zoMeanSquareErrorFollowsTheDimensionLaw() {
        TtShape s = new TtShape(new int[]{4, 4, 4}, new int[]{2, 4, 8}, new int[]{1, 3, 5, 1});
        int dim = s.paramCount();
        assertEquals(424, dim);
        Rng rng = new Rng(42);
        double[] g = new double[dim];
        for (int i = 0; i < dim; i++) g[i] = rng.nextGaussian();
        double g2 = 0;
        for (double v : g) g2 += v * v;
        ForwardView linear = (theta, in, out) -> {
            out.rows(in.rows());
            double v = 0;
            for (int i = 0; i < theta.length; i++) v += g[i] * theta[i];
            for (int r = 0; r < in.rows(); r++) out.re[r] = v;
        };
        Batch batch = Batch.allocate(1, 1, false, 1);
        dev.pnn.spi.train.Loss identity = (out, b, grad) -> out.re[0];
        for (String dir : List.of("gaussian", "rademacher")) {
            for (int n : new int[]{1, 10}) {
                var tr = new TtZoTrainer(n, 1e-3, dir.equals("rademacher"), false, List.of(), 7, linear, null, identity, 1);
                int reps = 2000;
                double[] theta = new double[dim], est = new double[dim];
                double sum = 0, sum2 = 0;
                for (int r = 0; r < reps; r++) {
                    tr.gradient(theta, batch, est);
                    double e = 0;
                    for (int i = 0; i < dim; i++) e += (est[i] - g[i]) * (est[i] - g[i]);
                    sum += e;
                    sum2 += e * e;
                }
                double mean = sum / reps, se = Math.sqrt((sum2 / reps - mean * mean) / reps);
                double law = (dir.equals("gaussian") ? dim + 1 : dim - 1) * g2 / n;
                assertEquals(law, mean, 4 * se, dir + " N=" + n + ": mean " + mean + " law " + law + " se " + se);
                assertTrue(se < 0.1 * law, "enough repetitions to make the check sharp");
            }
        }
    }
}
