package dev.pnn.robust;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.UpdateTrainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SatProperties {
    static final Batch BATCH = Batch.allocate(1, 1, true, 0);

    static double[][] randomSymmetric(int n, Rng r, boolean positive) {
        double[][] b = new double[n][n], a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i][j] = r.nextGaussian();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += positive ? b[i][k] * b[j][k] : 0.5 * (b[i][j] + b[j][i]);
                a[i][j] = positive ? s / n : 0.5 * (b[i][j] + b[j][i]);
            }
        return a;
    }

    static double[] randomVector(int n, Rng r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    static SharpnessAwareTrainer sat(GradientTrainer base, double rho) {
        return new SharpnessAwareTrainer(base, rho, new AscentStep(rho, AscentStep.Scale.GLOBAL, List.of()));
    }

    @Property(tries = 200)
    void epsilonHasNormRho(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed,
                           @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(6) double rho) {
        Rng r = new Rng(seed);
        double[] g = randomVector(n, r), eps = new double[n];
        new AscentStep(rho, AscentStep.Scale.GLOBAL, List.of()).compute(new double[n], g, eps);
        assertEquals(rho, norm(eps), 1e-15);
    }

    @Property(tries = 100)
    void perSliceEpsilonHasScaledNormRhoAndScalesWithTheSlice(@ForAll long seed,
                                                              @ForAll @DoubleRange(min = 0.01, max = 1) double rho) {
        Rng r = new Rng(seed);
        List<ParamSlice> slices = List.of(slice("a.phases", 0, 4), slice("b.gamma", 4, 1));
        double[] theta = randomVector(6, r), g = randomVector(6, r), eps = new double[6];
        theta[4] = 10 + r.nextDouble();
        AscentStep step = new AscentStep(rho, AscentStep.Scale.PER_SLICE, slices);
        step.compute(theta, g, eps);
        assertEquals(rho, step.constrainedNorm(theta, eps), 1e-14);
        // the gain slice (scale ≈ 10) moves r² ≈ 100 times more per unit gradient than the uncovered θ[5] (r = 1)
        double ratio = (eps[4] / g[4]) / (eps[5] / g[5]);
        assertEquals(theta[4] * theta[4], ratio, 1e-9 * ratio);
    }

    static ParamSlice slice(String name, int off, int len) {
        return new ParamSlice(name, off, len, List.of(len), null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                false, null);
    }

    /** §5: on L = ½θᵀAθ, g_SAT = A(θ + ρAθ/‖Aθ‖) = ∇(L + ρ‖∇L‖) within 1e-12. */
    @Property(tries = 100)
    void quadraticMatchesClosedForm(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed,
                                    @ForAll @DoubleRange(min = 0.01, max = 1) double rho) {
        Rng r = new Rng(seed);
        QuadraticTrainer q = new QuadraticTrainer(randomSymmetric(n, r, false), 0);
        double[] theta = randomVector(n, r), g = new double[n], gSat = new double[n];
        sat(q, rho).gradient(theta, BATCH, gSat);
        q.evaluate(theta, g);
        double gn = norm(g);
        double[] shifted = new double[n];
        for (int i = 0; i < n; i++) shifted[i] = theta[i] + rho * g[i] / gn;
        double[] closed = new double[n];
        q.evaluate(shifted, closed);
        double[] hg = q.hessianTimes(theta, g);
        for (int i = 0; i < n; i++) {
            double scale = Math.max(1, norm(closed));
            assertEquals(closed[i], gSat[i], 1e-12 * scale, "A(θ + ρAθ/‖Aθ‖)");
            assertEquals(g[i] + rho * hg[i] / gn, gSat[i], 1e-12 * scale, "∇(L + ρ‖∇L‖)");
        }
    }

    /** §5 non-quadratic: ‖g_SAT − ∇(L + ρ‖∇L‖)‖ shrinks ≈ 4× when ρ halves. */
    @Property(tries = 50)
    void nonQuadraticErrorIsSecondOrderInRho(@ForAll @IntRange(min = 2, max = 6) int n, @ForAll long seed) {
        Rng r = new Rng(seed);
        QuadraticTrainer q = new QuadraticTrainer(randomSymmetric(n, r, true), 1.0);
        double[] theta = randomVector(n, r), g = new double[n];
        q.evaluate(theta, g);
        double gn = norm(g);
        double[] hg = q.hessianTimes(theta, g);
        double[] errors = new double[4];
        for (int k = 0; k < 4; k++) {
            double rho = 0.02 / (1 << k);
            double[] gSat = new double[n], diff = new double[n];
            sat(q, rho).gradient(theta, BATCH, gSat);
            for (int i = 0; i < n; i++) diff[i] = gSat[i] - (g[i] + rho * hg[i] / gn);
            errors[k] = norm(diff);
        }
        for (int k = 0; k < 3; k++) {
            double ratio = errors[k] / errors[k + 1];
            assertTrue(ratio > 3.5 && ratio < 4.5, "ratio " + ratio + " errors " + java.util.Arrays.toString(errors));
        }
    }

    @Property(tries = 100)
    void rhoZeroIsTheBaseBitForBit(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed) {
        Rng r = new Rng(seed);
        double[][] a = randomSymmetric(n, r, false);
        double[] theta = randomVector(n, r), viaSat = new double[n], viaBase = new double[n];
        QuadraticTrainer wrapped = new QuadraticTrainer(a, 0.5);
        double lossSat = sat(wrapped, 0).gradient(theta, BATCH, viaSat);
        double lossBase = new QuadraticTrainer(a, 0.5).gradient(theta, BATCH, viaBase);
        assertArrayEquals(viaBase, viaSat, 0.0);
        assertEquals(lossBase, lossSat, 0.0);
        assertEquals(1, wrapped.thetas.size());
    }

    @Property(tries = 50)
    void bothGradientsUseTheSameBatchAndThetaIsUntouched(@ForAll long seed) {
        Rng r = new Rng(seed);
        QuadraticTrainer q = new QuadraticTrainer(randomSymmetric(4, r, true), 0);
        double[] theta = randomVector(4, r), before = theta.clone(), g = new double[4];
        Batch batch = Batch.allocate(3, 2, true, 0);
        double loss = sat(q, 0.1).gradient(theta, batch, g);
        assertEquals(2, q.batches.size());
        assertSame(batch, q.batches.get(0));
        assertSame(batch, q.batches.get(1));
        assertArrayEquals(before, theta, 0.0);
        assertArrayEquals(before, q.thetas.get(0), 0.0);
        assertEquals(q.evaluate(before, new double[4]), loss, 0.0, "the loss reported is the loss at θ");
    }

    @Test
    void vanishingGradientMeansNoAscentStep() {
        QuadraticTrainer q = new QuadraticTrainer(new double[][]{{1, 0}, {0, 2}}, 0);
        double[] g = new double[2];
        sat(q, 0.5).gradient(new double[]{0, 0}, BATCH, g);
        assertEquals(1, q.thetas.size());
        assertArrayEquals(new double[]{0, 0}, g, 0.0);
    }

    @Test
    void factoryWrapsTheNestedBaseAndAsksForItsCapabilities() {
        SatFactory f = new SatFactory();
        QuadraticTrainer q = new QuadraticTrainer(new double[][]{{2}}, 0);
        FakeContext ctx = new FakeContext(call -> {
            assertEquals("pat", call.name());
            return q;
        });
        Args args = new Args("sat", Map.of("rho", new Value.Num(0.3), "base", new Value.Sym("pat")));
        Trainer t = f.create(args, ctx);
        double[] g = new double[1];
        ((GradientTrainer) t).gradient(new double[]{1.0}, BATCH, g);
        assertEquals(2 * (1 + 0.3), g[0], 1e-15);
        Set<dev.pnn.spi.Capability> needs = Set.of(dev.pnn.spi.Capability.LAYERS);
        assertEquals(needs, f.requires(args, call -> call.name().equals("pat") ? needs : Set.of()));
        assertEquals(Set.of(dev.pnn.spi.Capability.TWIN), f.requires(new Args("sat", Map.of()),
                call -> call.name().equals("backprop") ? Set.of(dev.pnn.spi.Capability.TWIN) : Set.of()));
    }

    @Test
    void badArgumentsAreExplained() {
        SatFactory f = new SatFactory();
        FakeContext ctx = new FakeContext(call -> (UpdateTrainer) (theta, batch) -> 0.0);
        PnnException e = assertThrows(PnnException.class,
                () -> f.create(new Args("sat", Map.of("base", new Value.Sym("es"))), ctx));
        assertTrue(e.getMessage().contains("'es'"), e.getMessage());
        assertThrows(PnnException.class, () -> f.create(new Args("sat", Map.of("rho", new Value.Num(-1))), ctx));
        assertThrows(PnnException.class,
                () -> f.create(new Args("sat", Map.of("scale", new Value.Sym("weird"))), ctx));
    }
}
