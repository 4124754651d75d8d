package dev.pnn.testkit;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;

/** {@code cross_entropy} on logits, ALGORITHMS.md §1: (1/B) Σ [lse(z_b) − z_b,c_b], gradient (softmax − onehot)/B. */
final class CrossEntropy implements Loss {
    @Override
    public double evaluate(Tensor output, Batch batch, Tensor grad) {
        int rows = output.rows(), k = output.width;
        int[] labels = batch.labels();
        double sum = 0;
        if (grad != null) grad.rows(rows);
        for (int b = 0; b < rows; b++) {
            int o = b * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, output.re[o + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(output.re[o + j] - m);
            double lse = m + Math.log(s);
            sum += lse - output.re[o + labels[b]];
            if (grad != null)
                for (int j = 0; j < k; j++)
                    grad.re[o + j] = (Math.exp(output.re[o + j] - lse) - (j == labels[b] ? 1 : 0)) / rows;
        }
        return sum / rows;
    }
}
