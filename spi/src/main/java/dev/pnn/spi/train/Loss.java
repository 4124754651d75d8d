package dev.pnn.spi.train;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;

/** A training loss over a batch's network outputs (ALGORITHMS.md §1 normalizations). */
public interface Loss {
    /**
     * Mean loss over the batch; when {@code grad} is non-null writes ∂L/∂output into it (same shape as output).
     * A non-finite output gives a non-finite loss; it never throws on numbers.
     */
    double evaluate(Tensor output, Batch batch, Tensor grad);
}
