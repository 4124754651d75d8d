package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.Loss;

/**
 * {@code mse} = (1/(BK)) Σ (y − t)², gradient 2(y − t)/(BK); {@code half_sse} = (1/B) Σ ½‖y − t‖², gradient
 * (y − t)/B (ALGORITHMS.md §1). Targets come from the batch; a classification batch (labels, no targets) uses
 * one-hot targets t_bk = [k = c_b], so these losses also train classifiers.
 */
final class SquaredErrorLoss implements Loss {
    private final String name;
    private final boolean perOutputMean;

    SquaredErrorLoss(String name, boolean perOutputMean) {
        this.name = name;
        this.perOutputMean = perOutputMean;
    }

    @Override
    public double evaluate(Tensor output, Batch batch, Tensor grad) {
        int rows = batch.size();
        int k = output.width;
        double[] y = output.re;
        Tensor targets = batch.targets();
        int[] labels = batch.labels();
        if (targets != null && targets.width != k) {
            throw new PnnException(name + ": the network has " + k + " outputs but the targets have "
                    + targets.width + " columns", "make the network output width match the data's targets");
        }
        if (targets == null && labels == null) {
            throw new PnnException(name + ": the batch has neither targets nor labels", "check the data set");
        }
        double lossScale = perOutputMean ? 1.0 / ((double) rows * k) : 0.5 / rows;
        double gradScale = perOutputMean ? 2.0 / ((double) rows * k) : 1.0 / rows;
        double total = 0;
        for (int b = 0; b < rows; b++) {
            int o = b * k;
            int label = -1;
            if (targets == null) {
                label = labels[b];
                if (label < 0 || label >= k) {
                    throw new PnnException(name + ": label " + label + " of batch row " + b + " has no one-hot "
                            + "position among the " + k + " network outputs",
                            "make the network output one value per class (0.." + (k - 1) + ")");
                }
            }
            for (int j = 0; j < k; j++) {
                double t = targets != null ? targets.re[o + j] : (j == label ? 1.0 : 0.0);
                double d = y[o + j] - t;
                total += d * d;
                if (grad != null) grad.re[o + j] = gradScale * d;
            }
        }
        return total * lossScale;
    }
}
