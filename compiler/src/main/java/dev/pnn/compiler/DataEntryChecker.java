package dev.pnn.compiler;

import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.Optional;
import java.util.Set;

/** {@code data = digits8x8("data/digits8x8.csv.gz", test: 20%, seed: 1);} a leading string is the {@code path}. */
final class DataEntryChecker implements PlanEntryChecker {
    @Override
    public Set<String> keys() {
        return Set.of(TrainingPlan.DATA);
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of(TrainingPlan.DATA);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        return FactoryCalls.check(ctx, entry, ctx.catalog().datasets(), DatasetFactory::args, true).map(c -> c);
    }
}
