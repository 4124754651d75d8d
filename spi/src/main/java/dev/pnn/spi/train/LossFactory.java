package dev.pnn.spi.train;

import dev.pnn.spi.Named;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;

import java.util.List;

/** {@code loss = cross_entropy;} or {@code loss = mse;} */
public interface LossFactory extends Named {
    default List<ArgSpec> args() {
        return List.of();
    }

    /** Whether the loss needs class labels (true) or real targets (false). */
    boolean needsLabels();

    Loss create(Args args);
}
