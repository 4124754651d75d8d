package dev.pnn.backprop;

import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;

import java.util.function.Supplier;

/** The three losses of ALGORITHMS.md §1, none of which takes arguments. */
final class LossFactories {
    private LossFactories() {
    }

    private record Simple(String name, String summary, boolean needsLabels, Supplier<Loss> make)
            implements LossFactory {
        @Override
        public Loss create(Args args) {
            return make.get();
        }
    }

    static LossFactory crossEntropy() {
        return new Simple("cross_entropy", "softmax cross-entropy on logits, mean over the batch (needs labels)",
                true, CrossEntropyLoss::new);
    }

    static LossFactory mse() {
        return new Simple("mse", "mean squared error (1/(BK))·Σ(y−t)²; class labels become one-hot targets",
                false, () -> new SquaredErrorLoss("mse", true));
    }

    static LossFactory halfSse() {
        return new Simple("half_sse", "(1/B)·Σ ½‖y−t‖², the per-sample cost of EP/CL/HEB; labels become one-hot targets",
                false, () -> new SquaredErrorLoss("half_sse", false));
    }
}
