package dev.pnn.modelfree;

import dev.pnn.spi.train.TrainerContext;

/**
 * Peak working memory of one trainer in doubles (ALGORITHMS.md §13), forwarded to the context whenever it grows.
 * Counts what the method itself must hold between queries, not the loop's θ and gradient.
 */
final class StoredDoubles {
    private final TrainerContext context;
    private long peak;

    StoredDoubles(TrainerContext context) {
        this.context = context;
    }

    void observe(long doubles) {
        if (doubles > peak) {
            peak = doubles;
            context.reportStoredDoubles(doubles);
        }
    }

    long peak() {
        return peak;
    }
}
