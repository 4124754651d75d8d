package dev.pnn.robust;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.TrainerContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PAT and SAT on the real photonic simulator (ALGORITHMS.md §4, §5 oracles). */
class PatProperties {
    static final PhotonicBench BENCH = new PhotonicBench(6, 3);

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) m = Math.max(m, Math.abs(x));
        return m;
    }

    /** §4: f_p ≡ f_m (the ideal device as both) ⇒ PAT = BP within 1e-12. */
    @Property(tries = 20)
    void patOnTheIdealDeviceIsBackprop(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int rows) {
        try (Device device = BENCH.open(PhotonicBench.ideal(), seed); Device twin = BENCH.open(PhotonicBench.ideal(), 1)) {
            TrainerContext ctx = BENCH.context(device, twin);
            GradientTrainer pat = (GradientTrainer) BENCH.trainer("pat", ctx);
            GradientTrainer bp = (GradientTrainer) BENCH.trainer("backprop", ctx);
            double[] theta = BENCH.theta(seed);
            Batch batch = BENCH.batch(rows, seed + 1);
            double[] gPat = new double[theta.length], gBp = new double[theta.length];
            double lPat = pat.gradient(theta, batch, gPat);
            double lBp = bp.gradient(theta, batch, gBp);
            assertEquals(lBp, lPat, 1e-12 * Math.max(1, Math.abs(lBp)));
            assertTrue(maxAbsDiff(gPat, gBp) <= 1e-12 * Math.max(1, maxAbs(gBp)),
                    "max |g_PAT − g_BP| = " + maxAbsDiff(gPat, gBp));
        }
    }

    /** On a noisy chip PAT uses the measured loss and stays aligned with the true gradient of that loss. */
    @Test
    void patOnANoisyChipMeasuresTheChipAndStaysAligned() {
        HardwareProfile chip = PhotonicBench.profile("chip",
                Map.of("phase_error", PhotonicBench.call("gaussian", "sigma", 0.05)));
        try (Device device = BENCH.open(chip, 42); Device twin = BENCH.open(PhotonicBench.ideal(), 1)) {
            TrainerContext ctx = BENCH.context(device, twin);
            GradientTrainer pat = (GradientTrainer) BENCH.trainer("pat", ctx);
            GradientTrainer chipModel = (GradientTrainer) BENCH.trainer("backprop", ctx); // the chip's own exact model
            double[] theta = BENCH.theta(3);
            Batch batch = BENCH.batch(8, 4);
            double[] gPat = new double[theta.length], gTrue = new double[theta.length];
            double lPat = pat.gradient(theta, batch, gPat);
            double lTrue = chipModel.gradient(theta, batch, gTrue);
            assertEquals(lTrue, lPat, 1e-12, "PAT's loss is the chip's loss");
            double dot = 0, a = 0, b = 0;
            for (int i = 0; i < theta.length; i++) {
                dot += gPat[i] * gTrue[i];
                a += gPat[i] * gPat[i];
                b += gTrue[i] * gTrue[i];
            }
            double cos = dot / Math.sqrt(a * b);
            // §4 table: cos > 0.98 at 5% weight error; here the error is 0.05 rad per phase of a 6-mode mesh
            assertTrue(cos > 0.9 && cos < 1 - 1e-9, "cos(g_PAT, ∇L_chip) = " + cos);
        }
    }

    @Property(tries = 10)
    void satOverPatWithRhoZeroIsPatBitForBit(@ForAll long seed) {
        HardwareProfile chip = PhotonicBench.profile("chip",
                Map.of("phase_error", PhotonicBench.call("gaussian", "sigma", 0.05)));
        try (Device d1 = BENCH.open(chip, seed); Device d2 = BENCH.open(chip, seed);
             Device twin = BENCH.open(PhotonicBench.ideal(), 1)) {
            GradientTrainer sat = (GradientTrainer) BENCH.trainer(new Value.Call("sat", List.of(),
                    Map.of("rho", new Value.Num(0), "base", new Value.Sym("pat"))), BENCH.context(d1, twin));
            GradientTrainer pat = (GradientTrainer) BENCH.trainer("pat", BENCH.context(d2, twin));
            double[] theta = BENCH.theta(seed);
            Batch batch = BENCH.batch(4, seed);
            double[] g1 = new double[theta.length], g2 = new double[theta.length];
            assertEquals(pat.gradient(theta, batch, g2), sat.gradient(theta, batch, g1), 0.0);
            assertArrayEquals(g2, g1, 0.0);
        }
    }

    /**
     * SAT+PAT (§5 over §4) on a chip with static phase errors: ε comes from PAT's gradient at θ, and the update is
     * PAT's gradient at θ + ε on the same batch and the same chip, i.e. the chip measured at the perturbed θ and the
     * twin's VJPs taken at those measured activations. The reference runs plain PAT on a second device opened with
     * the chip's seed (the same chip). It must differ from the same step on another chip and from the ideal twin's
     * own backprop at θ + ε, so the test sees which chip was measured.
     */
    @Property(tries = 10)
    void satOverPatTakesPatAtTheAscentPointOnTheSameChip(@ForAll long seed) {
        HardwareProfile chip = PhotonicBench.profile("chip",
                Map.of("phase_error", PhotonicBench.call("gaussian", "sigma", 0.05)));
        double rho = 0.2;
        try (Device d1 = BENCH.open(chip, seed); Device same = BENCH.open(chip, seed);
             Device other = BENCH.open(chip, seed + 1); Device twin = BENCH.open(PhotonicBench.ideal(), 1)) {
            GradientTrainer sat = (GradientTrainer) BENCH.trainer(new Value.Call("sat", List.of(),
                    Map.of("rho", new Value.Num(rho), "base", new Value.Sym("pat"))), BENCH.context(d1, twin));
            GradientTrainer pat = (GradientTrainer) BENCH.trainer("pat", BENCH.context(same, twin));
            GradientTrainer patOther = (GradientTrainer) BENCH.trainer("pat", BENCH.context(other, twin));
            GradientTrainer twinBp = (GradientTrainer) BENCH.trainer("backprop", BENCH.context(twin, null));
            double[] theta = BENCH.theta(seed);
            Batch batch = BENCH.batch(6, seed);
            double[] g = new double[theta.length], gRef = new double[theta.length], gSat = new double[theta.length];
            double loss = pat.gradient(theta, batch, g);
            // the same float operations as AscentStep (plain sum of squares, then f = ρ/‖g‖, ε = f·g), so the
            // comparison below can be exact
            double sq = 0;
            for (double x : g) sq += x * x;
            double f = rho / Math.sqrt(sq);
            double[] shifted = theta.clone();
            for (int i = 0; i < theta.length; i++) shifted[i] = theta[i] + f * g[i];
            pat.gradient(shifted, batch, gRef);
            double[] thetaBefore = theta.clone();
            assertEquals(loss, sat.gradient(theta, batch, gSat), 0.0, "SAT returns the measured loss at θ");
            assertArrayEquals(gRef, gSat, 0.0);
            assertArrayEquals(thetaBefore, theta, 0.0);

            double[] gOther = new double[theta.length], gTwin = new double[theta.length];
            patOther.gradient(shifted, batch, gOther);
            twinBp.gradient(shifted, batch, gTwin);
            assertTrue(maxAbsDiff(gSat, gOther) > 1e-9 * Math.max(1, maxAbs(gSat)), "another chip gives another step");
            assertTrue(maxAbsDiff(gSat, gTwin) > 1e-9 * Math.max(1, maxAbs(gSat)), "the chip, not the twin, was measured");
        }
    }

    /** SAT over backprop on the mesh: the second gradient is backprop's at θ + ρ·g/‖g‖ exactly. */
    @Test
    void satOverBackpropTakesTheSecondGradientAtTheAscentPoint() {
        try (Device device = BENCH.open(PhotonicBench.ideal(), 0)) {
            TrainerContext ctx = BENCH.context(device, null);
            GradientTrainer sat = (GradientTrainer) BENCH.trainer(new Value.Call("sat", List.of(),
                    Map.of("rho", new Value.Num(0.1))), ctx);
            GradientTrainer bp = (GradientTrainer) BENCH.trainer("backprop", ctx);
            double[] theta = BENCH.theta(5);
            Batch batch = BENCH.batch(4, 6);
            double[] g = new double[theta.length], gSat = new double[theta.length], gRef = new double[theta.length];
            bp.gradient(theta, batch, g);
            double norm = Math.sqrt(java.util.Arrays.stream(g).map(x -> x * x).sum());
            double[] shifted = theta.clone();
            for (int i = 0; i < theta.length; i++) shifted[i] += 0.1 * g[i] / norm;
            bp.gradient(shifted, batch, gRef);
            sat.gradient(theta, batch, gSat);
            assertArrayEquals(gRef, gSat, 0.0);
        }
    }
}
