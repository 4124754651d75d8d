package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;
import dev.pnn.testkit.GradientCheck;
import dev.pnn.testkit.TaylorTest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossProperties {
    private final Loss ce = LossFactories.crossEntropy().create(Fixtures.args("cross_entropy"));
    private final Loss mse = LossFactories.mse().create(Fixtures.args("mse"));
    private final Loss halfSse = LossFactories.halfSse().create(Fixtures.args("half_sse"));

    private static double lossAt(Loss loss, double[] z, int rows, int k, Batch batch) {
        return loss.evaluate(Tensor.wrap(z, null, rows, k), batch, null);
    }

    @Property(tries = 200)
    void crossEntropyIsShiftInvariant(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                      @ForAll @IntRange(min = 2, max = 10) int k,
                                      @ForAll @DoubleRange(min = -1e3, max = 1e3) double c) {
        Rng rng = new Rng(seed);
        Tensor z = Fixtures.logits(rng, rows, k, 3.0);
        Batch batch = Fixtures.labelled(rng, rows, 1, k);
        Tensor shifted = z.copy();
        for (int i = 0; i < rows * k; i++) shifted.re[i] += c;
        double l0 = ce.evaluate(z, batch, null);
        double l1 = ce.evaluate(shifted, batch, null);
        assertTrue(Math.abs(l1 - l0) <= 1e-12, "L(z) = " + l0 + ", L(z + " + c + ") = " + l1);
    }

    @Property(tries = 200)
    void crossEntropyIsFiniteForHugeLogits(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                           @ForAll @IntRange(min = 2, max = 10) int k) {
        Rng rng = new Rng(seed);
        Tensor z = Fixtures.logits(rng, rows, k, 1e4);
        Batch batch = Fixtures.labelled(rng, rows, 1, k);
        Tensor g = Tensor.real(rows, k);
        double l = ce.evaluate(z, batch, g);
        assertTrue(Double.isFinite(l) && l >= 0, "L = " + l);
        for (int i = 0; i < rows * k; i++) assertTrue(Double.isFinite(g.re[i]));
    }

    @Property(tries = 200)
    void crossEntropyGradientRowsSumToZero(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                           @ForAll @IntRange(min = 2, max = 10) int k,
                                           @ForAll @DoubleRange(min = 0.1, max = 100) double scale) {
        Rng rng = new Rng(seed);
        Tensor z = Fixtures.logits(rng, rows, k, scale);
        Batch batch = Fixtures.labelled(rng, rows, 1, k);
        Tensor g = Tensor.real(rows, k);
        ce.evaluate(z, batch, g);
        for (int b = 0; b < rows; b++) {
            double s = 0;
            for (int j = 0; j < k; j++) s += g.re[b * k + j];
            assertTrue(Math.abs(s) <= 1e-15, "row " + b + " sums to " + s);
        }
    }

    @Property(tries = 100)
    void crossEntropyPassesTheGradientCheck(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                            @ForAll @IntRange(min = 2, max = 10) int k) {
        checkLoss(ce, seed, rows, k, true);
    }

    @Property(tries = 100)
    void mseWithTargetsPassesTheGradientCheck(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                              @ForAll @IntRange(min = 1, max = 10) int k) {
        checkLoss(mse, seed, rows, k, false);
    }

    @Property(tries = 100)
    void mseWithOneHotLabelsPassesTheGradientCheck(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                                   @ForAll @IntRange(min = 2, max = 10) int k) {
        checkLoss(mse, seed, rows, k, true);
    }

    @Property(tries = 100)
    void halfSsePassesTheGradientCheck(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                       @ForAll @IntRange(min = 1, max = 10) int k) {
        checkLoss(halfSse, seed, rows, k, false);
    }

    private void checkLoss(Loss loss, long seed, int rows, int k, boolean labels) {
        Rng rng = new Rng(seed);
        Tensor z = Fixtures.logits(rng, rows, k, 2.0);
        Batch batch = labels ? Fixtures.labelled(rng, rows, 1, k) : Fixtures.withTargets(rng, rows, 1, k);
        Tensor g = Tensor.real(rows, k);
        loss.evaluate(z, batch, g);
        double[] theta = z.re.clone();
        double[] grad = g.re.clone();
        GradientCheck.check(t -> lossAt(loss, t, rows, k, batch), theta, grad).assertPassed();
        TaylorTest.check(t -> lossAt(loss, t, rows, k, batch), theta, grad, seed).assertPassed();
    }

    @Test
    void knownValues() {
        // uniform logits: L = log K; a row of (y − t) = 1 everywhere: mse = 1, half_sse = K/2
        Batch labelled = Batch.allocate(2, 1, true, 0);
        labelled.labels()[0] = 0;
        labelled.labels()[1] = 3;
        Tensor z = Tensor.real(2, 4);
        assertEquals(Math.log(4), ce.evaluate(z, labelled, null), 1e-15);
        Batch targets = Batch.allocate(2, 1, false, 4);
        Tensor y = Tensor.real(2, 4);
        java.util.Arrays.fill(y.re, 1.0);
        assertEquals(1.0, mse.evaluate(y, targets, null), 0);
        assertEquals(2.0, halfSse.evaluate(y, targets, null), 0);
        // one-hot: outputs equal to the one-hot rows give 0
        Tensor onehot = Tensor.real(2, 4);
        onehot.re[0] = 1;
        onehot.re[4 + 3] = 1;
        assertEquals(0.0, mse.evaluate(onehot, labelled, null), 0);
        // a confident correct prediction costs about e^{-50}·3, not a rounded 0 or log(1) noise
        Tensor confident = Tensor.real(1, 4);
        confident.re[2] = 50;
        Batch one = Batch.allocate(1, 1, true, 0);
        one.labels()[0] = 2;
        assertEquals(3 * Math.exp(-50), ce.evaluate(confident, one, null), 1e-35);
    }

    @Test
    void nanLogitsGiveNanLossNotAnException() {
        Batch labelled = Batch.allocate(1, 1, true, 0);
        Tensor z = Tensor.real(1, 3);
        z.re[1] = Double.NaN;
        assertTrue(Double.isNaN(ce.evaluate(z, labelled, Tensor.real(1, 3))));
        assertTrue(Double.isNaN(mse.evaluate(z, labelled, null)));
    }

    @Test
    void badLabelsAndMissingLabelsAreClearErrors() {
        Batch labelled = Batch.allocate(1, 1, true, 0);
        labelled.labels()[0] = 5;
        PnnException e = assertThrows(PnnException.class, () -> ce.evaluate(Tensor.real(1, 3), labelled, null));
        assertTrue(e.getMessage().contains("label 5"), e.getMessage());
        PnnException e2 = assertThrows(PnnException.class,
                () -> ce.evaluate(Tensor.real(1, 3), Batch.allocate(1, 1, false, 3), null));
        assertTrue(e2.getMessage().contains("needs class labels"), e2.getMessage());
        PnnException e3 = assertThrows(PnnException.class,
                () -> mse.evaluate(Tensor.real(1, 3), Batch.allocate(1, 1, false, 2), null));
        assertTrue(e3.getMessage().contains("3 outputs"), e3.getMessage());
    }
}
