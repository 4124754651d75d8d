package dev.pnn.spi.train;

import dev.pnn.spi.Named;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.ParamSlice;

import java.util.List;

/** {@code optimizer = adam(lr: 0.01, halve_every: 30);} */
public interface OptimizerFactory extends Named {
    List<ArgSpec> args();

    Optimizer create(Args args, List<ParamSlice> layout, int paramCount);
}
