package dev.pnn.modelfree;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Oracles of ALGORITHMS.md §7 for forward-forward and PhyLL. */
class LocalLearningProperties {

    static Graph net(double scale) {
        ChainDevice.Builder b = new ChainDevice.Builder(6).linear("l1", 5).op("a1", "tanh");
        if (scale != 1) b.scale("s1", scale);
        b.linear("l2", 4).op("a2", "tanh");
        if (scale != 1) b.scale("s2", scale);
        return b.linear("out", 3).build();
    }

    static LocalTrainer trainer(boolean phyll, ChainDevice dev, long seed, Object... args) {
        return (LocalTrainer) new LocalTrainer.Factory(phyll).create(Fixtures.args(phyll ? "phyll" : "ffa", args),
                new TestContext(dev, TestLosses.CROSS_ENTROPY, seed));
    }

    static int[] wrongLabels(Batch b, int classes, long seed) {
        Rng rng = new Rng(seed);
        int[] w = new int[b.size()];
        for (int i = 0; i < w.length; i++) w[i] = (b.labels()[i] + 1 + rng.nextInt(classes - 1)) % classes;
        return w;
    }

    @Property(tries = 50)
    void updateOfABlockIgnoresTheParametersAboveIt(@ForAll boolean phyll, @ForAll long seed,
                                                   @ForAll @IntRange(min = 1, max = 4) int rows) {
        Graph g = net(1);
        double[] theta = Fixtures.theta(g, seed, 0.8);
        Batch batch = Fixtures.batch(rows, 6, 3, seed + 1);
        double[] g1 = new double[theta.length], g2 = new double[theta.length];
        trainer(phyll, new ChainDevice(g), seed).gradient(theta, batch, g1);
        // re-randomize everything above block 1 (l2 and the head)
        double[] other = theta.clone();
        Node l2 = g.node("l2").orElseThrow();
        Rng rng = new Rng(seed ^ 0x5eed);
        for (int i = l2.paramOffset(); i < other.length; i++) other[i] = 3 * rng.nextGaussian();
        trainer(phyll, new ChainDevice(g), seed).gradient(other, batch, g2);
        Node l1 = g.node("l1").orElseThrow();
        for (int i = l1.paramOffset(); i < l1.paramOffset() + l1.paramCount(); i++)
            assertEquals(g1[i], g2[i], 0.0, "block-1 parameter " + i + " must not depend on blocks above");
        boolean moved = false;
        for (int i = l1.paramOffset(); i < l1.paramOffset() + l1.paramCount(); i++) moved |= g1[i] != 0;
        assertTrue(moved, "block 1 learns something");
    }

    @Property(tries = 40)
    void localGradientsAgreeWithCentralDifferencesOfTheBlockLoss(@ForAll boolean phyll, @ForAll long seed,
                                                                 @ForAll @IntRange(min = 1, max = 4) int rows) {
        Graph g = net(1);
        ChainDevice dev = new ChainDevice(g);
        LocalTrainer t = trainer(phyll, dev, seed, "alpha", phyll ? 3.0 : 1.0);
        double[] theta = Fixtures.theta(g, seed, 0.8);
        Batch batch = Fixtures.batch(rows, 6, 3, seed + 1);
        int[] wrong = wrongLabels(batch, 3, seed);
        double[] grad = new double[theta.length];
        t.localPasses(theta, batch, wrong, grad, new double[2]);
        String[] blocks = {"l1", "l2"};
        for (int l = 0; l < 2; l++) {
            Node n = g.node(blocks[l]).orElseThrow();
            double[] fd = new double[n.paramCount()], mine = new double[n.paramCount()];
            double[] th = theta.clone(), losses = new double[2];
            for (int j = 0; j < n.paramCount(); j++) {
                int i = n.paramOffset() + j;
                double h = 1e-6 * Math.max(1, Math.abs(theta[i]));
                th[i] = theta[i] + h;
                t.localPasses(th, batch, wrong, new double[theta.length], losses);
                double up = losses[l];
                th[i] = theta[i] - h;
                t.localPasses(th, batch, wrong, new double[theta.length], losses);
                double down = losses[l];
                th[i] = theta[i];
                fd[j] = (up - down) / (2 * h);
                mine[j] = grad[i];
            }
            double diff = 0, a = 0, b = 0;
            for (int j = 0; j < fd.length; j++) {
                diff += (fd[j] - mine[j]) * (fd[j] - mine[j]);
                a += fd[j] * fd[j];
                b += mine[j] * mine[j];
            }
            assertTrue(Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(a, b)), 1e-12) < 1e-6,
                    "block " + blocks[l] + ": ‖g − g_FD‖/‖g‖ = " + Math.sqrt(diff) / Math.sqrt(Math.max(a, b)));
        }
    }

    @Property(tries = 40)
    void phyllIsInvariantToThePhysicalOutputScale(@ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 20) double c) {
        // Block 1 ends in a fixed, unmodelled "scale" (laser power, detector gain) and its slope is measured on the
        // device. ℓ₁ and block 1's update must not change with that scale. (Block 2 then sees a scaled input, so
        // only block 1 is compared.)
        Graph g1 = net(1), gc = new ChainDevice.Builder(6).linear("l1", 5).op("a1", "tanh").scale("s1", c)
                .linear("l2", 4).op("a2", "tanh").linear("out", 3).build();
        double[] theta = Fixtures.theta(g1, seed, 0.8);
        Batch batch = Fixtures.batch(3, 6, 3, seed + 1);
        int[] wrong = wrongLabels(batch, 3, seed);
        double[] u1 = new double[theta.length], uc = new double[theta.length], l1 = new double[2], lc = new double[2];
        trainer(true, new ChainDevice(g1), seed, "derivative", "measured").localPasses(theta, batch, wrong, u1, l1);
        trainer(true, new ChainDevice(gc), seed, "derivative", "measured").localPasses(theta, batch, wrong, uc, lc);
        assertEquals(l1[0], lc[0], 1e-12 * Math.abs(l1[0]), "ℓ of block 1");
        Node n = g1.node("l1").orElseThrow();
        double scale = 0;
        for (int i = n.paramOffset(); i < n.paramOffset() + n.paramCount(); i++) scale = Math.max(scale, Math.abs(u1[i]));
        for (int i = n.paramOffset(); i < n.paramOffset() + n.paramCount(); i++)
            assertEquals(u1[i], uc[i], 1e-12 * scale, "update " + i);
    }

    @Property(tries = 40)
    void forwardForwardGoodnessIsNotScaleInvariant(@ForAll long seed) {
        Graph g1 = net(1), g3 = net(3);
        double[] theta = Fixtures.theta(g1, seed, 0.8);
        Batch batch = Fixtures.batch(3, 6, 3, seed + 1);
        int[] wrong = wrongLabels(batch, 3, seed);
        double[] l1 = new double[2], l3 = new double[2];
        trainer(false, new ChainDevice(g1), seed, "derivative", "measured").localPasses(theta, batch, wrong, new double[theta.length], l1);
        trainer(false, new ChainDevice(g3), seed, "derivative", "measured").localPasses(theta, batch, wrong, new double[theta.length], l3);
        assertTrue(Math.abs(l1[0] - l3[0]) > 1e-6, "FF's goodness scales by c², so its loss changes");
    }

    @Property(tries = 100)
    void cosineIsScaleInvariantAndSatisfiesEulersIdentity(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int n,
                                                          @ForAll @DoubleRange(min = 0.01, max = 100) double c) {
        Rng rng = new Rng(seed);
        double[] a = new double[n], b = new double[n], ca = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = rng.nextGaussian();
            b[j] = rng.nextGaussian();
            ca[j] = c * a[j];
        }
        assertEquals(LocalObjective.Cosine.cos(a, b), LocalObjective.Cosine.cos(ca, b), 1e-15);
        Tensor pa = Tensor.wrap(a, null, 1, n), pb = Tensor.wrap(b, null, 1, n);
        Tensor ga = Tensor.real(1, n), gb = Tensor.real(1, n);
        // α = 1e-3 keeps the softplus factor s = α·σ(α·cos) ≈ α/2 away from saturation, so ga ≈ s·∇_a cos.
        new LocalObjective.Cosine(1e-3, 0).evaluate(pa, pb, ga, gb);
        double dot = 0, gn = 0, an = 0;
        for (int j = 0; j < n; j++) {
            dot += ga.re[j] * a[j];
            gn += ga.re[j] * ga.re[j];
            an += a[j] * a[j];
        }
        // ALGORITHMS.md bounds the residual by 1e-12·‖∇‖‖a‖; when a ∥ b the gradient itself vanishes while its
        // terms keep magnitude s/‖a‖, so rounding is bounded relative to max(‖∇‖, s/‖a‖), not ‖∇‖ alone.
        double s = 1e-3 * 0.5;
        double scale = Math.max(Math.sqrt(gn), s / Math.sqrt(an)) * Math.sqrt(an);
        assertEquals(0.0, dot, 1e-12 * scale, "∇_a cos · a = 0");
    }

    @Property(tries = 30)
    void hiddenUpdatesIgnoreWhatTheLabelInputsHeldBefore(@ForAll boolean phyll, @ForAll long seed) {
        // The label overwrites the chosen inputs, so their original values cannot reach the hidden layers. (They
        // are kept below the sample's max |x| in both batches, since the label's scale s = max|x| may use them.)
        Graph g = net(1);
        double[] theta = Fixtures.theta(g, seed, 0.8);
        Batch a = Fixtures.batch(3, 6, 3, seed + 1), b = Fixtures.batch(3, 6, 3, seed + 1);
        Rng rng = new Rng(seed);
        int[] labelled = {5, 1, 3};
        for (int r = 0; r < 3; r++) {
            double max = 0;
            for (int pos : new int[]{0, 2, 4}) max = Math.max(max, Math.abs(a.inputs().re[r * 6 + pos]));
            for (int pos : labelled) {
                a.inputs().re[r * 6 + pos] = 0.5 * max * (2 * rng.nextDouble() - 1);
                b.inputs().re[r * 6 + pos] = 0.5 * max * (2 * rng.nextDouble() - 1);
            }
        }
        double[] ga = new double[theta.length], gb = new double[theta.length];
        int[] wrong = wrongLabels(a, 3, seed);
        trainer(phyll, new ChainDevice(g), seed, "label_inputs", "5,1,3").localPasses(theta, a, wrong, ga, null);
        trainer(phyll, new ChainDevice(g), seed, "label_inputs", "5,1,3").localPasses(theta, b, wrong, gb, null);
        int end = g.outputNode().paramOffset();
        for (int i = 0; i < end; i++) assertEquals(ga[i], gb[i], 1e-12 * (1 + Math.abs(ga[i])), "hidden parameter " + i);
    }

    @Example
    void labelInputsMustBeOnePositionPerClass() {
        Graph g = net(1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.pnn.spi.PnnException.class,
                () -> trainer(false, new ChainDevice(g), 0, "label_inputs", "0,1"));
        assertTrue(e.getMessage().contains("label_inputs"), e.getMessage());
    }

    static Graph physicalNet() {
        return new ChainDevice.Builder(6).linear("l1", 5).op("a1", "tanh").mask("phys").op("a2", "tanh")
                .linear("out", 3).build();
    }

    @Property(tries = 20)
    void physicalBlocksAreTrainedLocallyAndBlindly(@ForAll boolean phyll, @ForAll long seed) {
        // A parameterized block with no delta rule ("mask") is trained by local SPSA over its own parameters:
        // its update, like block 1's, must not depend on the parameters above it.
        Graph g = physicalNet();
        double[] theta = Fixtures.theta(g, seed, 0.8);
        Batch batch = Fixtures.batch(3, 6, 3, seed + 1);
        int[] wrong = wrongLabels(batch, 3, seed);
        double[] u1 = new double[theta.length], u2 = new double[theta.length];
        trainer(phyll, new ChainDevice(g), seed).localPasses(theta, batch, wrong, u1, null);
        double[] other = theta.clone();
        Node out = g.outputNode(), mask = g.node("phys").orElseThrow();
        Rng rng = new Rng(seed ^ 77);
        for (int i = out.paramOffset(); i < other.length; i++) other[i] = 3 * rng.nextGaussian();
        trainer(phyll, new ChainDevice(g), seed).localPasses(other, batch, wrong, u2, null);
        for (int i = 0; i < out.paramOffset(); i++) assertEquals(u1[i], u2[i], 0.0, "parameter " + i);
        boolean moved = false;
        for (int i = mask.paramOffset(); i < mask.paramOffset() + mask.paramCount(); i++) moved |= u1[i] != 0;
        assertTrue(moved, "the physical block learns");
    }

    @Example
    void localSpsaOfAPhysicalBlockIsUnbiased() {
        // Mean of 4000 local SPSA estimates (c = 1e-4, so the O(c²) bias is negligible) against central differences
        // of that block's own loss, within 4 standard errors per component.
        Graph g = physicalNet();
        ChainDevice dev = new ChainDevice(g);
        double[] theta = Fixtures.theta(g, 5, 0.8);
        Batch batch = Fixtures.batch(4, 6, 3, 6);
        int[] wrong = wrongLabels(batch, 3, 7);
        LocalTrainer t = trainer(true, dev, 8, "alpha", 2.0, "spsa_c", 1e-4);
        Node mask = g.node("phys").orElseThrow();
        int off = mask.paramOffset(), n = mask.paramCount(), reps = 4000;
        double[] mean = new double[n], sq = new double[n];
        for (int r = 0; r < reps; r++) {
            double[] u = new double[theta.length];
            t.localPasses(theta, batch, wrong, u, null);
            for (int i = 0; i < n; i++) {
                mean[i] += u[off + i] / reps;
                sq[i] += u[off + i] * u[off + i] / reps;
            }
        }
        double[] th = theta.clone(), losses = new double[2];
        for (int i = 0; i < n; i++) {
            double h = 1e-6;
            th[off + i] = theta[off + i] + h;
            t.localPasses(th, batch, wrong, new double[theta.length], losses);
            double up = losses[1];
            th[off + i] = theta[off + i] - h;
            t.localPasses(th, batch, wrong, new double[theta.length], losses);
            double down = losses[1];
            th[off + i] = theta[off + i];
            double fd = (up - down) / (2 * h);
            double se = Math.sqrt((sq[i] - mean[i] * mean[i]) / reps);
            assertEquals(fd, mean[i], 4 * se + 1e-9, "component " + i);
        }
    }

    @Example
    void zeroVectorsGiveZeroCosineAndZeroGradient() {
        double[] zero = new double[3], b = {1, 2, 3};
        assertEquals(0.0, LocalObjective.Cosine.cos(zero, b));
        Tensor ga = Tensor.real(1, 3), gb = Tensor.real(1, 3);
        new LocalObjective.Cosine(10, 0).evaluate(Tensor.wrap(zero, null, 1, 3), Tensor.wrap(b, null, 1, 3), ga, gb);
        assertArrayEquals(new double[3], ga.re);
        assertArrayEquals(new double[3], gb.re);
    }

    @Example
    void negativesNeverCarryTheTrueLabelAndRunsAreReproducible() {
        Graph g = net(1);
        double[] theta = Fixtures.theta(g, 4, 0.8);
        Batch batch = Fixtures.batch(16, 6, 3, 5);
        double[] a = new double[theta.length], b = new double[theta.length];
        trainer(false, new ChainDevice(g), 9).gradient(theta, batch, a);
        trainer(false, new ChainDevice(g), 9).gradient(theta, batch, b);
        assertArrayEquals(a, b, "same seed, same update bit for bit");
        int[] wrong = wrongLabels(batch, 3, 1);
        for (int i = 0; i < wrong.length; i++) assertTrue(wrong[i] != batch.labels()[i]);
    }
}
