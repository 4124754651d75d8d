package dev.pnn.modelfree;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;

/** Losses of ALGORITHMS.md §1 written out for tests (the real ones live in another plugin). */
final class TestLosses {
    private TestLosses() {
    }

    /** cross_entropy on logits: (1/B)Σ[lse(z) − z_c], gradient (softmax − onehot)/B. */
    static final Loss CROSS_ENTROPY = (out, batch, grad) -> {
        int rows = out.rows(), k = out.width;
        double total = 0;
        if (grad != null) grad.rows(rows);
        for (int b = 0; b < rows; b++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, out.re[b * k + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(out.re[b * k + j] - m);
            double lse = m + Math.log(s);
            int c = batch.labels()[b];
            total += lse - out.re[b * k + c];
            if (grad != null)
                for (int j = 0; j < k; j++)
                    grad.re[b * k + j] = (Math.exp(out.re[b * k + j] - lse) - (j == c ? 1 : 0)) / rows;
        }
        return total / rows;
    };

    /** The mean of the first output column: makes a device whose output is L(θ) a loss oracle. */
    static final Loss MEAN_OUTPUT = (out, batch, grad) -> {
        double s = 0;
        for (int b = 0; b < out.rows(); b++) s += out.re[b * out.width];
        if (grad != null) {
            grad.rows(out.rows());
            grad.zero();
            for (int b = 0; b < out.rows(); b++) grad.re[b * out.width] = 1.0 / out.rows();
        }
        return s / out.rows();
    };

    static Batch labelled(double[] x, int width, int[] labels) {
        int rows = labels.length;
        return new Batch(Tensor.wrap(x, null, rows, width), labels, null);
    }
}
