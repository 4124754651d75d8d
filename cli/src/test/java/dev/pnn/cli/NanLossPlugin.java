package dev.pnn.cli;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;

import java.util.List;

/**
 * Test-only plugin: loss {@code nan_at(step: k)} is softmax cross-entropy except that its k-th training
 * evaluation (0-based, counting calls that ask for a gradient) returns NaN, to drive the NaN-stop path end to end.
 */
public final class NanLossPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "test-nan-loss";
    }

    @Override
    public List<LossFactory> losses() {
        return List.of(new LossFactory() {
            @Override
            public String name() {
                return "nan_at";
            }

            @Override
            public List<ArgSpec> args() {
                return List.of(ArgSpec.integer("step", null, "training call that returns NaN"));
            }

            @Override
            public boolean needsLabels() {
                return true;
            }

            @Override
            public Loss create(Args args) {
                int step = args.integer("step");
                int[] calls = {0};
                return (out, batch, grad) -> {
                    double loss = crossEntropy(out, batch, grad);
                    if (grad == null) return loss;
                    return calls[0]++ == step ? Double.NaN : loss;
                };
            }
        });
    }

    static double crossEntropy(Tensor z, Batch batch, Tensor grad) {
        int b = z.rows(), k = z.width;
        double total = 0;
        for (int r = 0; r < b; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, z.re[r * k + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(z.re[r * k + j] - m);
            double lse = m + Math.log(s);
            total += lse - z.re[r * k + batch.labels()[r]];
            if (grad != null) {
                grad.rows(b);
                for (int j = 0; j < k; j++)
                    grad.re[r * k + j] = (Math.exp(z.re[r * k + j] - lse) - (j == batch.labels()[r] ? 1 : 0)) / b;
            }
        }
        return total / b;
    }
}
