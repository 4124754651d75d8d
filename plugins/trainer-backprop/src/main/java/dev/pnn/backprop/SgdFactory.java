package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.train.Optimizer;
import dev.pnn.spi.train.OptimizerFactory;

import java.util.ArrayList;
import java.util.List;

/** {@code sgd(lr, momentum: 0, nesterov: false, halve_every: 0, weight_decay: 0)}. */
final class SgdFactory implements OptimizerFactory {
    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String summary() {
        return "stochastic gradient descent with optional (Nesterov) momentum, weight decay and step schedule";
    }

    @Override
    public List<ArgSpec> args() {
        List<ArgSpec> a = new ArrayList<>(List.of(
                ArgSpec.number("lr", null, "learning rate"),
                ArgSpec.number("momentum", 0.0, "momentum μ in [0, 1)"),
                ArgSpec.bool("nesterov", false, "Nesterov momentum (needs momentum > 0)"),
                ArgSpec.number("weight_decay", 0.0, "L2 penalty λ added to the gradient as λθ")));
        a.addAll(OptimizerArgs.schedule());
        return a;
    }

    @Override
    public Optimizer create(Args args, List<ParamSlice> layout, int paramCount) {
        double lr = OptimizerArgs.positive(args, "lr");
        double momentum = OptimizerArgs.inUnitInterval(args, "momentum", 0.0);
        boolean nesterov = args.bool("nesterov", false);
        if (nesterov && momentum == 0) {
            throw new PnnException("sgd: nesterov: true needs a momentum > 0", "e.g. sgd(lr: 0.1, momentum: 0.9, nesterov: true)");
        }
        double wd = args.number("weight_decay", 0.0);
        if (!(wd >= 0) || !Double.isFinite(wd)) {
            throw new PnnException("sgd: weight_decay must be ≥ 0, got " + wd, "e.g. weight_decay: 1e-4");
        }
        return new Sgd(StepSchedule.from(args, lr), momentum, nesterov, wd, IterateAverage.from(args, paramCount), paramCount);
    }
}
