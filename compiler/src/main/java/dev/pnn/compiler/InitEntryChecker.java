package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code init = params("runs/Dense/params.json");} a warm start: slices are copied by name from a run's
 * parameters, and blocks that can take a dense matrix (a TT layer) are filled from the dense layer of the same id.
 * The path is relative to the .pnn file; whether it exists is checked when the plan runs.
 */
final class InitEntryChecker implements PlanEntryChecker {
    private static final String FORM = "write init = params(\"runs/<plan>/params.json\"); (a run folder works too)";

    @Override
    public Set<String> keys() {
        return Set.of(TrainingPlan.INIT);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        Expr e = entry.value();
        if (!(e instanceof Expr.Call c) || !c.callee().name().equals("params")) {
            ctx.report(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, e.span(),
                    "init takes the parameters of an earlier run, written params(\"path\")", "expected params(...)").help(FORM));
            return Optional.empty();
        }
        List<Arg> args = c.args();
        boolean onePath = args.size() == 1 && args.get(0).value() instanceof Expr.Str
                          && args.get(0).name().map(n -> n.name().equals("path")).orElse(true);
        if (!onePath) {
            ctx.report(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, c.span(),
                    "params takes one string: the path of a params.json or of a run folder", "expected one path").help(FORM));
            return Optional.empty();
        }
        String path = ((Expr.Str) args.get(0).value()).value();
        return Optional.of(new Value.Call("params", List.of(), Map.of("path", new Value.Str(path))));
    }
}
