package dev.pnn.compiler;

import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.Optional;
import java.util.Set;

/** {@code loss = cross_entropy;} or a call with arguments. */
final class LossEntryChecker implements PlanEntryChecker {
    @Override
    public Set<String> keys() {
        return Set.of(TrainingPlan.LOSS);
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of(TrainingPlan.LOSS);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        return FactoryCalls.check(ctx, entry, ctx.catalog().losses(), LossFactory::args, false).map(c -> c);
    }
}
