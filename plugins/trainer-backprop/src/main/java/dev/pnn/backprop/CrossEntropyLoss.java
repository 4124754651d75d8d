package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;

/**
 * L = (1/B) Σ_b [lse(z_b) − z_b,c_b] with a stable log-sum-exp; gradient (softmax(z_b) − onehot(c_b))/B
 * (ALGORITHMS.md §1).
 *
 * <p>Two rearrangements keep precision where the naive formulas lose it: lse(z) − z_c is computed as
 * (m − z_c) + log1p(Σ_{k≠argmax} e^{z_k − m}), so a confident correct sample costs log1p(tiny) rather than
 * log(1 + tiny); and the label component of the gradient is −Σ_{k≠c} p_k instead of p_c − 1, which avoids
 * cancellation when p_c ≈ 1 and makes every gradient row sum to zero up to one rounding of that sum.
 */
final class CrossEntropyLoss implements Loss {
    @Override
    public double evaluate(Tensor output, Batch batch, Tensor grad) {
        int[] labels = batch.labels();
        if (labels == null) {
            throw new PnnException("loss cross_entropy needs class labels, but the data set has real targets",
                    "use 'loss = mse' or 'loss = half_sse' for regression data");
        }
        int rows = batch.size();
        int k = output.width;
        double[] z = output.re;
        double total = 0;
        for (int b = 0; b < rows; b++) {
            int c = labels[b];
            if (c < 0 || c >= k) {
                throw new PnnException("cross_entropy: label " + c + " of batch row " + b + " is outside the "
                        + k + " network outputs", "make the network output one logit per class (0.." + (k - 1)
                        + "), e.g. with take(x, 0.." + Math.max(c, k - 1) + ")");
            }
            int o = b * k;
            int arg = o;
            double m = z[o];
            for (int j = o + 1; j < o + k; j++) {
                if (z[j] > m || Double.isNaN(z[j])) {
                    m = z[j];
                    arg = j;
                    if (Double.isNaN(m)) break;
                }
            }
            double rest = 0; // Σ_{k≠argmax} e^{z_k − m}
            for (int j = o; j < o + k; j++) if (j != arg) rest += Math.exp(z[j] - m);
            total += (m - z[o + c]) + Math.log1p(rest);
            if (grad != null) {
                double inv = 1.0 / (1.0 + rest);
                double sumOthers = 0;
                for (int j = o; j < o + k; j++) {
                    if (j == o + c) continue;
                    double p = (j == arg ? 1.0 : Math.exp(z[j] - m)) * inv;
                    grad.re[j] = p / rows;
                    sumOthers += grad.re[j];
                }
                grad.re[o + c] = -sumOthers;
            }
        }
        return total / rows;
    }
}
