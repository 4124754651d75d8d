package dev.pnn.backprop;

import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.train.Optimizer;
import dev.pnn.spi.train.OptimizerFactory;

import java.util.ArrayList;
import java.util.List;

/** {@code adam(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, halve_every: 0)}. */
final class AdamFactory implements OptimizerFactory {
    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String summary() {
        return "Adam with bias correction and step schedule";
    }

    @Override
    public List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.number("lr", 0.001, "learning rate"),
                ArgSpec.number("beta1", 0.9, "first-moment decay in [0, 1)"),
                ArgSpec.number("beta2", 0.999, "second-moment decay in [0, 1)"),
                ArgSpec.number("eps", 1e-8, "denominator guard ε > 0")));
        a.addAll(OptimizerArgs.schedule());
        return a;
    }

    @Override
    public Optimizer create(Args args, List<ParamSlice> layout, int paramCount) {
        double lr = args.has("lr") ? OptimizerArgs.positive(args, "lr") : 0.001;
        double b1 = OptimizerArgs.inUnitInterval(args, "beta1", 0.9);
        double b2 = OptimizerArgs.inUnitInterval(args, "beta2", 0.999);
        double eps = args.has("eps") ? OptimizerArgs.positive(args, "eps") : 1e-8;
        return new Adam(StepSchedule.from(args, lr), b1, b2, eps, IterateAverage.from(args, paramCount), paramCount);
    }
}
