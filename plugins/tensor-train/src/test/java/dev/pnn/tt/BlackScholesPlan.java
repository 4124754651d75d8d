package dev.pnn.tt;

import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Black–Scholes plan of samples/black_scholes.pnn as IR values, built by hand (no compiler needed). */
final class BlackScholesPlan {
    private BlackScholesPlan() {
    }

    static Value num(double v) {
        return new Value.Num(v);
    }

    static Value sym(String s) {
        return new Value.Sym(s);
    }

    static Value op(String o, Value... xs) {
        return new Value.Op(o, List.of(xs));
    }

    static Value call(String name, Value... pos) {
        return new Value.Call(name, List.of(pos), Map.of());
    }

    static Value named(String name, Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return new Value.Call(name, List.of(), m);
    }

    static Value list(Value... xs) {
        return new Value.ListV(List.of(xs));
    }

    /** The residual u_t + ½σ²S²u_SS + rSu_S − ru. */
    static Value residual() {
        Value u = sym("u"), s = sym("S"), t = sym("t");
        return op("-", op("+", op("+", call("d", u, t),
                        op("*", op("*", op("*", num(0.5), op("^", sym("sigma"), num(2))), op("^", s, num(2))), call("d", u, s, s))),
                op("*", op("*", sym("r"), s), call("d", u, s))), op("*", sym("r"), u));
    }

    static Map<String, Value> entries(Value derivatives, Value collocation) {
        Value tau = sym("tau"), sig = sym("sigma"), k = sym("K"), r = sym("r");
        Map<String, Value> e = new LinkedHashMap<>();
        e.put("seed", num(0));
        e.put("domain", named("box", "S", list(num(0), num(200)), "t", list(num(0), num(1))));
        e.put("unknown", named("u", "scale", num(100)));
        e.put("constants", named("given", "K", num(100), "r", num(0.05), "sigma", num(0.2), "T", num(1)));
        Value sqrtTau = call("sqrt", tau);
        e.put("define", named("given",
                "tau", op("-", sym("T"), sym("t")),
                "d1", op("/", op("+", call("ln", op("/", sym("S"), k)), op("*", op("+", r, op("/", op("^", sig, num(2)), num(2))), tau)),
                        op("*", sig, sqrtTau)),
                "d2", op("-", sym("d1"), op("*", sig, sqrtTau))));
        e.put("residual", residual());
        e.put("conditions", list(
                named("at", "t", sym("T"), "u", call("max", op("-", sym("S"), k), num(0)), "weight", num(1)),
                named("at", "S", num(0), "u", num(0)),
                named("at", "S", num(200), "u", op("-", sym("S"), op("*", k, call("exp", op("*", op("neg", r), op("-", sym("T"), sym("t")))))))));
        e.put("collocation", collocation);
        e.put("derivatives", derivatives);
        e.put("solution", op("-", op("*", sym("S"), call("norm_cdf", sym("d1"))),
                op("*", op("*", k, call("exp", op("*", op("neg", r), tau))), call("norm_cdf", sym("d2")))));
        e.put("solution_grid", list(num(41), num(21)));
        return e;
    }

    static Value stein(double sigma) {
        return named("stein", "sigma", num(sigma), "rule", named("sparse_grid", "level", num(3)));
    }

    static TrainingPlan plan(Value derivatives, int interior, int boundary) {
        return plan(entries(derivatives, named("uniform", "interior", num(interior), "boundary", num(boundary))));
    }

    static TrainingPlan plan(Map<String, Value> entries) {
        Map<String, Loc> locs = new LinkedHashMap<>();
        int line = 1;
        for (String key : entries.keySet()) locs.put(key, new Loc("bs.pnn", line++, 5));
        return new TrainingPlan("BlackScholes", "Net", entries, locs, new Loc("bs.pnn", 0, 1));
    }
}
