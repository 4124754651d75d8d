package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Ident;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AST expressions to IR values, resolving units and range bounds; problems are reported, then null returned. */
final class Values {
    private final Diagnostics diags;

    Values(Diagnostics diags) {
        this.diags = diags;
    }

    Value convert(Expr e) {
        if (e instanceof Expr.Num n) return number(n);
        if (e instanceof Expr.Str s) return new Value.Str(s.value());
        if (e instanceof Expr.Bool b) return new Value.Bool(b.value());
        if (e instanceof Expr.Name n) return new Value.Sym(n.name());
        if (e instanceof Expr.Range r) return range(r);
        if (e instanceof Expr.ListLit l) {
            List<Value> items = new ArrayList<>();
            for (Expr x : l.items()) {
                Value v = convert(x);
                if (v == null) return null;
                items.add(v);
            }
            return new Value.ListV(items);
        }
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Binary b) {
            Value l = convert(b.left()), r = convert(b.right());
            return l == null || r == null ? null : new Value.Op(b.op(), List.of(l, r));
        }
        if (e instanceof Expr.Neg n) {
            Value v = convert(n.operand());
            return v == null ? null : new Value.Op("neg", List.of(v));
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /** A call with its arguments converted but not bound to any signature. */
    Value.Call call(Expr.Call c) {
        List<Value> positional = new ArrayList<>();
        Map<String, Value> named = new LinkedHashMap<>();
        boolean ok = true;
        for (Arg a : c.args()) {
            Value v = convert(a.value());
            if (v == null) {
                ok = false;
                continue;
            }
            if (a.name().isEmpty()) positional.add(v);
            else if (named.putIfAbsent(a.name().get().name(), v) != null) {
                duplicateArg(c.callee().name(), a.name().get());
                ok = false;
            }
        }
        return ok ? new Value.Call(c.callee().name(), positional, named) : null;
    }

    void duplicateArg(String owner, Ident name) {
        diags.error(DiagnosticCode.DUPLICATE_DEFINITION, name.span(),
                "argument '" + name.name() + "' of '" + owner + "' is given more than once", "given again here");
    }

    Value.Num number(Expr.Num n) {
        if (n.unit().isEmpty()) return new Value.Num(n.value());
        Ident u = n.unit().get();
        Optional<Unit> unit = Unit.bySymbol(u.name());
        if (unit.isEmpty()) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_UNIT, u.span(), "unknown unit `" + u.name() + "`", "unknown unit")
                    .note("units: " + String.join(", ", Unit.symbols()));
            String dym = Suggestions.didYouMean(u.name(), Unit.symbols());
            diags.add(dym.isEmpty() ? d : d.help(dym));
            return null;
        }
        return new Value.Num(n.value(), unit.get());
    }

    private Value.Range range(Expr.Range r) {
        Integer from = bound(r.from()), to = bound(r.to());
        if (from == null || to == null) return null;
        if (from > to) {
            diags.add(Diagnostic.error(DiagnosticCode.INVALID_ARGUMENT_VALUE, r.span(), "range " + from + ".." + to + " is empty",
                    "empty range").help("ranges are inclusive and ascending: write " + to + ".." + from));
            return null;
        }
        return new Value.Range(from, to);
    }

    private Integer bound(Expr.Num n) {
        if (n.value() != Math.rint(n.value()) || n.value() > Integer.MAX_VALUE) {
            diags.error(DiagnosticCode.INVALID_ARGUMENT_VALUE, n.span(), "range bound `" + n.text() + "` is not a whole number that fits an int",
                    "not a whole number");
            return null;
        }
        return (int) n.value();
    }

    /** Folds an operator tree of plain numbers ({@code 1e-3 * 2}, {@code -(3)}) to one number; else null. */
    static Value.Num fold(Value v) {
        if (v instanceof Value.Num n) return n;
        if (!(v instanceof Value.Op op)) return null;
        List<Double> xs = new ArrayList<>();
        for (Value o : op.operands()) {
            Value.Num n = fold(o);
            if (n == null || n.unit() != null) return null;
            xs.add(n.value());
        }
        double r = switch (op.operator()) {
            case "neg" -> -xs.get(0);
            case "+" -> xs.get(0) + xs.get(1);
            case "-" -> xs.get(0) - xs.get(1);
            case "*" -> xs.get(0) * xs.get(1);
            case "/" -> xs.get(0) / xs.get(1);
            case "^" -> Math.pow(xs.get(0), xs.get(1));
            default -> Double.NaN;
        };
        return Double.isFinite(r) ? new Value.Num(r) : null;
    }
}
