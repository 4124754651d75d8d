package dev.pnn.robust;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardingDevice;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4 DAT oracle: an exact affine output distortion is learnt and corrected: cos(g_DAT, ∇L_p) > 1 − 1e-8. */
class DatProperties {
    static final PhotonicBench BENCH = new PhotonicBench(6, 3);

    /** The ideal chip whose measured output is distorted to M·y + c (a "device" only PAT/DAT can see through). */
    static final class Distorted extends ForwardingDevice {
        private final double[] m;
        private final double[] c;
        private final int k;

        Distorted(Device inner, double[] m, double[] c, int k) {
            super(inner);
            this.m = m;
            this.c = c;
            this.k = k;
        }

        void distort(Tensor y) {
            double[] row = new double[k];
            for (int b = 0; b < y.rows(); b++) {
                System.arraycopy(y.re, b * k, row, 0, k);
                for (int i = 0; i < k; i++) {
                    double s = c[i];
                    for (int j = 0; j < k; j++) s += m[i * k + j] * row[j];
                    y.re[b * k + i] = s;
                }
            }
        }

        @Override
        public <V extends View> V view(Class<V> type) {
            if (type != LayersView.class) return inner.view(type);
            LayersView real = inner.view(LayersView.class);
            LayersView v = new LayersView() {
                @Override
                public Tape newTape(int maxRows) {
                    return real.newTape(maxRows);
                }

                @Override
                public Tensor forwardAll(double[] theta, Tensor input, Tape tape) {
                    Tensor out = real.forwardAll(theta, input, tape);
                    distort(out);
                    return out;
                }

                @Override
                public void runNode(int node, double[] theta, Tensor[] inputs, Tensor out) {
                    real.runNode(node, theta, inputs, out);
                }
            };
            return type.cast(v);
        }
    }

    @Property(tries = 10)
    void datCorrectsAnExactAffineOutputDistortion(@ForAll long seed) {
        int k = BENCH.classes;
        Rng r = new Rng(seed);
        double[] m = new double[k * k], c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = 0.3 * r.nextGaussian();
            for (int j = 0; j < k; j++) m[i * k + j] = (i == j ? 1 : 0) + 0.3 * r.nextGaussian();
        }
        try (Device ideal = BENCH.open(PhotonicBench.ideal(), 0); Device twin = BENCH.open(PhotonicBench.ideal(), 1)) {
            Distorted chip = new Distorted(ideal, m, c, k);
            GradientTrainer dat = (GradientTrainer) BENCH.trainer(new Value.Call("dat", List.of(),
                    Map.of("warmup", new Value.Num(3), "ridge", new Value.Num(0))), BENCH.context(chip, twin));
            double[] theta = BENCH.theta(seed);
            double[] g = new double[theta.length];
            for (int s = 0; s < 3; s++) dat.gradient(theta, BENCH.batch(8, seed + s), g);
            Batch batch = BENCH.batch(8, seed + 10);
            dat.gradient(theta, batch, g);

            // ∇L_p = J_idealᵀ Mᵀ ā with ā = ∂ℓ/∂a at a_p = M·y + c
            TwinView tv = twin.view(TwinView.class);
            Tape tape = tv.newTape(8);
            Tensor y = tv.forward(theta, batch.inputs(), tape);
            Tensor ap = y.copy();
            chip.distort(ap);
            Loss loss = BENCH.crossEntropy();
            Tensor abar = Tensor.real(8, k);
            loss.evaluate(ap, batch, abar);
            Tensor pulled = Tensor.real(8, k);
            for (int b = 0; b < 8; b++)
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int i = 0; i < k; i++) s += m[i * k + j] * abar.re[b * k + i];
                    pulled.re[b * k + j] = s;
                }
            double[] truth = new double[theta.length];
            tv.backward(theta, tape, pulled, truth);

            double dot = 0, a = 0, bb = 0;
            for (int i = 0; i < theta.length; i++) {
                dot += g[i] * truth[i];
                a += g[i] * g[i];
                bb += truth[i] * truth[i];
            }
            double cos = dot / Math.sqrt(a * bb);
            assertTrue(cos > 1 - 1e-8, "cos(g_DAT, ∇L_p) = " + cos);
        }
    }
}
