package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.Named;
import dev.pnn.spi.Registry;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Value;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Plan entries that name a plugin contribution: {@code loss = cross_entropy;}, {@code optimizer = adam(lr: 0.01);}. */
final class FactoryCalls {
    private FactoryCalls() {
    }

    static Span calleeSpan(Expr e) {
        return e instanceof Expr.Call c ? c.callee().span() : e.span();
    }

    static Optional<String> calleeName(Expr e) {
        if (e instanceof Expr.Call c) return Optional.of(c.callee().name());
        if (e instanceof Expr.Name n) return Optional.of(n.name());
        return Optional.empty();
    }

    static <T extends Named> Optional<Value.Call> check(PlanContext ctx, Setting entry, Registry<T> registry,
                                                       Function<T, List<ArgSpec>> specs, boolean firstStringIsPath) {
        return check(ctx, entry.key().name(), entry.value(), registry, specs, firstStringIsPath);
    }

    static <T extends Named> Optional<Value.Call> check(PlanContext ctx, String key, Expr e, Registry<T> registry,
                                                       Function<T, List<ArgSpec>> specs, boolean firstStringIsPath) {
        String kind = registry.kind();
        Optional<String> name = calleeName(e);
        if (name.isEmpty()) {
            ctx.report(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, e.span(),
                            "'" + key + "' takes a " + kind + " (a name or a call), found " + ArgBinder.describe(e),
                            "expected a " + kind)
                    .note(PlanChecker.plural(kind) + ": " + names(registry)));
            return Optional.empty();
        }
        Optional<T> item = registry.find(name.get());
        if (item.isEmpty()) {
            ctx.reportUnknown(kind, name.get(), calleeSpan(e), registry.names());
            return Optional.empty();
        }
        List<ArgSpec> args;
        try {
            args = specs.apply(item.get());
        } catch (RuntimeException ex) {
            ctx.report(Diagnostic.error(DiagnosticCode.PLUGIN_FAILURE, calleeSpan(e),
                    kind + " '" + name.get() + "' failed while listing its arguments: " + ex, "plugin failed here")
                    .note("contributed by " + registry.sourceOf(name.get()).orElse("a plugin")));
            return Optional.empty();
        }
        return ctx.bindCall(kind + " '" + name.get() + "'", args, e, firstStringIsPath);
    }

    static String names(Registry<?> r) {
        return r.names().isEmpty() ? "(none loaded)" : String.join(", ", r.names());
    }
}
