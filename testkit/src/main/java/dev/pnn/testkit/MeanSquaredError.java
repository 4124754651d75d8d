package dev.pnn.testkit;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;

/** {@code mse} of ALGORITHMS.md §1: (1/(BK)) Σ (y − t)², ∂/∂y = 2(y − t)/(BK). */
final class MeanSquaredError implements Loss {
    @Override
    public double evaluate(Tensor output, Batch batch, Tensor grad) {
        int rows = output.rows(), k = output.width;
        double[] t = batch.targets().re;
        double scale = 1.0 / ((double) rows * k);
        double sum = 0;
        if (grad != null) grad.rows(rows);
        for (int i = 0; i < rows * k; i++) {
            double d = output.re[i] - t[i];
            sum += d * d;
            if (grad != null) grad.re[i] = 2 * d * scale;
        }
        return sum * scale;
    }
}
