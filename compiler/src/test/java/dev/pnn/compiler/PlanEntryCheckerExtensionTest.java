package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new group of plan keys is one new class handed to the compiler; none of the built-in checkers changes. */
class PlanEntryCheckerExtensionTest {
    /** A toy physics-informed key: {@code equation = <formula>;} makes {@code data} optional. */
    static final class EquationChecker implements PlanEntryChecker {
        @Override
        public Set<String> keys() {
            return Set.of("equation");
        }

        @Override
        public Set<String> relaxes() {
            return Set.of("data");
        }

        @Override
        public Optional<Value> check(PlanContext ctx, Setting entry) {
            if (!(entry.value() instanceof Expr.Binary)) {
                ctx.report(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, entry.value().span(), "an equation is a formula", "not a formula"));
                return Optional.empty();
            }
            return ctx.convert(entry.value());
        }
    }

    static final String SRC = DiagnosticCodesTest.HEADER
            + "train Net { equation = d(u, t) + 0.5 * sigma^2 * d(u, S, S) - r * u; loss = mse; trainer = backprop; optimizer = adam; on = ideal; }\n";

    @Test
    void anExtraCheckerOwnsItsKeysAndRelaxesData() {
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none(), List.of(new EquationChecker())).compile("pde.pnn", SRC);
        assertTrue(c.ok(), c.render());
        Value eq = c.program().orElseThrow().plan("Net").orElseThrow().entry("equation").orElseThrow();
        assertEquals("((d(u, t) + ((0.5 * (sigma ^ 2)) * d(u, S, S))) - (r * u))", eq.toString());
    }

    @Test
    void withoutItTheKeyIsUnknownAndDataIsMissing() {
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("pde.pnn", SRC);
        List<DiagnosticCode> codes = c.diagnostics().stream().map(Diagnostic::code).toList();
        assertTrue(codes.contains(DiagnosticCode.UNKNOWN_PLAN_KEY), c.render());
        assertTrue(codes.contains(DiagnosticCode.MISSING_PLAN_ENTRY), c.render());
    }

    @Test
    void twoCheckersClaimingOneKeyIsASetupError() {
        PlanEntryChecker dup = new PlanEntryChecker() {
            @Override
            public Set<String> keys() {
                return Set.of("loss");
            }

            @Override
            public Optional<Value> check(PlanContext ctx, Setting entry) {
                return Optional.empty();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PnnCompiler(FakePlugins.catalog(), ModuleSource.none(), List.of(dup)));
        assertTrue(e.getMessage().contains("plan key 'loss' is claimed by both"), e.getMessage());
    }
}
