package dev.pnn.compiler;

import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.OptimizerFactory;

import java.util.Optional;
import java.util.Set;

/** {@code optimizer = adam(lr: 0.01, halve_every: 30);} (whether one is required depends on the trainer). */
final class OptimizerEntryChecker implements PlanEntryChecker {
    @Override
    public Set<String> keys() {
        return Set.of(TrainingPlan.OPTIMIZER);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        return FactoryCalls.check(ctx, entry, ctx.catalog().optimizers(), OptimizerFactory::args, false).map(c -> c);
    }
}
