package dev.pnn.physics;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;

/**
 * The plan's loss applied to one sample at a time, which is what physical gradient methods need: the nudge, clamp,
 * echo injection or error probe of a sample depends only on that sample's output error ∂ℓ/∂y. The standard losses
 * are means over the batch, so the batch loss is the mean of the per-sample losses. Reuses its buffers.
 */
final class SampleLoss {
    private final Loss loss;
    private final Tensor output;
    private final Tensor outGrad;
    private Batch one;

    SampleLoss(Loss loss, int outputs) {
        this.loss = loss;
        this.output = Tensor.real(1, outputs);
        this.outGrad = Tensor.real(1, outputs);
    }

    /**
     * Loss of sample {@code row} of {@code batch} at outputs {@code y}; writes ∂ℓ/∂y (for this sample alone, no
     * 1/B) into {@code dy}.
     */
    double evaluate(Batch batch, int row, double[] y, double[] dy) {
        Batch b = single(batch);
        int w = batch.inputs().width;
        System.arraycopy(batch.inputs().re, row * w, b.inputs().re, 0, w);
        if (batch.labels() != null) b.labels()[0] = batch.labels()[row];
        if (batch.targets() != null) {
            int tw = batch.targets().width;
            System.arraycopy(batch.targets().re, row * tw, b.targets().re, 0, tw);
        }
        System.arraycopy(y, 0, output.re, 0, y.length);
        double l = loss.evaluate(output, b, outGrad);
        System.arraycopy(outGrad.re, 0, dy, 0, dy.length);
        return l;
    }

    private Batch single(Batch batch) {
        if (one == null) {
            Tensor targets = batch.targets() == null ? null : Tensor.real(1, batch.targets().width);
            one = new Batch(Tensor.real(1, batch.inputs().width), batch.labels() == null ? null : new int[1], targets);
        }
        return one;
    }
}
