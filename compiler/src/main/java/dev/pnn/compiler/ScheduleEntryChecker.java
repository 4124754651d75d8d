package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.Optional;
import java.util.Set;

/** {@code epochs = 60; batch = 64; seed = 0;}: whole numbers, epochs and batch at least 1, seed at least 0. */
final class ScheduleEntryChecker implements PlanEntryChecker {
    @Override
    public Set<String> keys() {
        return PlanChecker.ordered(TrainingPlan.EPOCHS, TrainingPlan.BATCH, TrainingPlan.SEED);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        String key = entry.key().name();
        long min = key.equals(TrainingPlan.SEED) ? 0 : 1;
        Expr e = entry.value();
        if (e instanceof Expr.Num n && n.unit().isEmpty() && n.value() == Math.rint(n.value()) && n.value() >= min
                && n.value() <= (key.equals(TrainingPlan.SEED) ? 9.007199254740992E15 : Integer.MAX_VALUE))
            return Optional.of(new Value.Num(n.value()));
        ctx.report(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, e.span(),
                "'" + key + "' must be a whole number " + (min == 0 ? "≥ 0" : "≥ 1") + ", found " + ArgBinder.describe(e),
                "expected a whole number " + (min == 0 ? "≥ 0" : "≥ 1")));
        return Optional.empty();
    }
}
