package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A physics-informed training problem stated in a {@code train} plan (keys below; docs/black-scholes.md has the
 * full grammar). The network maps normalized coordinates x_i = (v_i − lo_i)/(hi_i − lo_i) ∈ [0, 1] to an output
 * w; the unknown is u = scale·w, so derivatives follow by the chain rule. Formulas are compiled against one
 * environment: [variables | definitions | jets of u (value, ∂_i, ∂_i∂_j for i ≤ j, {@link JetLayout} order)].
 *
 * <pre>
 * domain      = box(S: [0, 200], t: [0, 1]);          // variables, in network-input order
 * unknown     = u(scale: 100);                        // network output w, u = scale·w
 * constants   = given(K: 100, r: 0.05, T: 1);         // numbers or formulas, evaluated in order
 * define      = given(tau: T - t, ...);               // more definitions (may use the variables, not u)
 * residual    = d(u, t) + ... - r * u;                // must vanish in the interior
 * conditions  = [at(t: T, u: max(S - K, 0), weight: 10), at(S: 0, u: 0)];
 * collocation = uniform(interior: 128, boundary: 32, resample: 1, seed: 3);
 * derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));   // or: autodiff
 * residual_weight = 1;  solution = ...;  solution_grid = [41, 21];
 * </pre>
 */
record PdeProblem(String unknown, double scale, String[] vars, double[] lo, double[] hi,
                  List<String> defNames, List<Formula> defs, Formula residual, int residualOrder,
                  double residualWeight, List<Condition> conditions, Collocation collocation,
                  Estimator estimator, Formula solution, int[] grid, Formula form) {

    static final String DOMAIN = "domain", UNKNOWN = "unknown", CONSTANTS = "constants", DEFINE = "define",
            RESIDUAL = "residual", CONDITIONS = "conditions", COLLOCATION = "collocation",
            DERIVATIVES = "derivatives", RESIDUAL_WEIGHT = "residual_weight", SOLUTION = "solution",
            SOLUTION_GRID = "solution_grid";
    /** Every physics-informed plan key, which the trainers of this plugin read. */
    static final java.util.Set<String> PLAN_KEYS = java.util.Set.of(DOMAIN, UNKNOWN, CONSTANTS, DEFINE, RESIDUAL,
            CONDITIONS, COLLOCATION, DERIVATIVES, RESIDUAL_WEIGHT, SOLUTION, SOLUTION_GRID);

    /** u(x) = target on the face {@code vars[var] = at}. */
    record Condition(int var, double at, Formula target, double weight, String text) {
    }

    record Collocation(int interior, int boundary, int resample, long seed) {
    }

    sealed interface Estimator {
    }

    record Stein(double sigma, int level) implements Estimator {
    }

    record Autodiff() implements Estimator {
    }

    int dim() {
        return vars.length;
    }

    /** First environment slot of the jets of u. */
    int jetBase() {
        return vars.length + defNames.size();
    }

    int envSize() {
        return jetBase() + new JetLayout(vars.length, 2).comps();
    }

    static boolean isPde(TrainingPlan plan) {
        return plan.entry(RESIDUAL).isPresent();
    }

    /** Evaluates the definitions in order at the physical point already written to env[0..d). */
    void define(double[] env) {
        int base = vars.length;
        for (int k = 0; k < defs.size(); k++) env[base + k] = defs.get(k).eval(env);
    }

    static PdeProblem from(TrainingPlan plan) {
        return new Parser(plan).parse();
    }

    /** Reads the plan entries; every problem is a PnnException located at its entry. */
    private static final class Parser {
        private final TrainingPlan plan;
        private final Map<String, Integer> slots = new LinkedHashMap<>();
        private String unknown = "u";
        private String[] vars;
        private int maxOrder;
        private boolean inForm;
        private Value formValue;     // compiling the unknown's form: the name `net` is the network's output

        Parser(TrainingPlan plan) {
            this.plan = plan;
        }

        private PnnException error(String key, String what, String hint) {
            return new PnnException(what, plan.locOf(key), hint);
        }

        private Value need(String key) {
            return plan.entry(key).orElseThrow(() -> new PnnException("physics-informed plan '" + plan.name()
                    + "' has a residual but no '" + key + "' entry", plan.loc(), "add " + key + " = ...;"));
        }

        PdeProblem parse() {
            // domain
            Value dv = need(DOMAIN);
            if (!(dv instanceof Value.Call box) || !box.positional().isEmpty() || box.named().isEmpty())
                throw error(DOMAIN, "domain must name each variable with its interval, got " + dv,
                        "write domain = box(S: [0, 200], t: [0, 1]);");
            int d = box.named().size();
            vars = new String[d];
            double[] lo = new double[d], hi = new double[d];
            int i = 0;
            for (Map.Entry<String, Value> e : box.named().entrySet()) {
                vars[i] = e.getKey();
                double[] iv = interval(e.getValue());
                if (iv == null || !(iv[1] > iv[0]))
                    throw error(DOMAIN, "variable '" + e.getKey() + "' needs an interval [lo, hi] with lo < hi, got " + e.getValue(),
                            "write " + e.getKey() + ": [0, 1]");
                lo[i] = iv[0];
                hi[i] = iv[1];
                slots.put(vars[i], i);
                i++;
            }
            // unknown
            double scale = 1;
            Value uv = plan.entry(UNKNOWN).orElse(new Value.Sym("u"));
            if (uv instanceof Value.Sym s) unknown = s.name();
            else if (uv instanceof Value.Call c && c.positional().isEmpty()) {
                unknown = c.name();
                Value sv = c.named().get("scale");
                if (sv != null) scale = constant(UNKNOWN, sv);
                formValue = c.named().get("form");
                if (!(scale != 0) || c.named().keySet().stream().anyMatch(k -> !k.equals("scale") && !k.equals("form")))
                    throw error(UNKNOWN, "unknown takes a nonzero scale and optionally a form, got " + uv,
                            "write unknown = u(scale: 100); or u(scale: 100, form: S / 200 * (1 - S / 200) * net)");
            } else throw error(UNKNOWN, "unknown must be a name or name(scale: s), got " + uv, "write unknown = u(scale: 100);");
            if (slots.containsKey(unknown))
                throw error(UNKNOWN, "the unknown '" + unknown + "' is also a domain variable", "rename one of them");
            // definitions
            List<String> defNames = new ArrayList<>();
            List<Formula> defs = new ArrayList<>();
            for (String key : List.of(CONSTANTS, DEFINE)) {
                Value v = plan.entry(key).orElse(null);
                if (v == null) continue;
                if (!(v instanceof Value.Call c) || !c.positional().isEmpty())
                    throw error(key, key + " must be a list of named definitions, got " + v, "write " + key + " = given(K: 100, r: 0.05);");
                for (Map.Entry<String, Value> e : c.named().entrySet()) {
                    if (slots.containsKey(e.getKey()) || e.getKey().equals(unknown))
                        throw error(key, "'" + e.getKey() + "' is defined twice", "rename it");
                    maxOrder = -1;
                    Formula f = compile(key, e.getValue());
                    if (maxOrder >= 0)
                        throw error(key, "definition '" + e.getKey() + "' uses the unknown " + unknown
                                + "; definitions may use only variables and earlier definitions", "move it into the residual");
                    slots.put(e.getKey(), vars.length + defNames.size());
                    defNames.add(e.getKey());
                    defs.add(f);
                }
            }
            // the unknown's form, u = F(variables, constants, net) with net = scale·(network output)
            Formula form = null;
            if (formValue != null) {
                inForm = true;
                maxOrder = -1;
                form = compile(UNKNOWN, formValue);
                inForm = false;
                if (maxOrder >= 0)
                    throw error(UNKNOWN, "the form of " + unknown + " is written with net (the scaled network output), not with "
                            + unknown + " itself", "write e.g. form: S / 200 * (1 - S / 200) * net");
            }
            // residual
            maxOrder = 0;
            Formula residual = compile(RESIDUAL, need(RESIDUAL));
            int residualOrder = maxOrder;
            double residualWeight = plan.entry(RESIDUAL_WEIGHT).map(v -> constant(RESIDUAL_WEIGHT, v)).orElse(1.0);
            // conditions
            List<Condition> conds = new ArrayList<>();
            Value cv = plan.entry(CONDITIONS).orElse(new Value.ListV(List.of()));
            List<Value> items = cv instanceof Value.ListV l ? l.items() : List.of(cv);
            for (Value item : items) conds.add(condition(item, defNames, defs));
            // collocation
            long seed = plan.longEntry(TrainingPlan.SEED, 0);
            Collocation col = new Collocation(128, 32, 1, seed);
            Value colv = plan.entry(COLLOCATION).orElse(null);
            if (colv != null) {
                if (!(colv instanceof Value.Call c) || !c.name().equals("uniform"))
                    throw error(COLLOCATION, "collocation must be uniform(interior: n, boundary: n, resample: k, seed: s), got " + colv,
                            "write collocation = uniform(interior: 128, boundary: 32);");
                for (String k : c.named().keySet())
                    if (!List.of("interior", "boundary", "resample", "seed").contains(k))
                        throw error(COLLOCATION, "uniform() has no argument '" + k + "'", "use interior, boundary, resample, seed");
                col = new Collocation(count(c, "interior", 128, 1), count(c, "boundary", 32, 0),
                        count(c, "resample", 1, 0), c.arg("seed").map(v -> (long) constant(COLLOCATION, v)).orElse(seed));
            }
            // derivative estimator
            Estimator est = estimator(plan.entry(DERIVATIVES).orElse(null), d);
            if (form != null && !(est instanceof Stein))
                throw error(UNKNOWN, "a form for the unknown needs derivatives = stein(...): exact jets of the form are not implemented",
                        "use derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3)); or drop the form");
            // reference solution
            Formula solution = null;
            if (plan.entry(SOLUTION).isPresent()) {
                maxOrder = -1;
                solution = compile(SOLUTION, plan.entry(SOLUTION).get());
                if (maxOrder >= 0) throw error(SOLUTION, "the solution formula may not use the unknown", "state it in the variables");
            }
            int[] grid = new int[d];
            java.util.Arrays.fill(grid, 21);
            if (plan.entry(SOLUTION_GRID).isPresent()) {
                Value g = plan.entry(SOLUTION_GRID).get();
                if (!(g instanceof Value.ListV l) || l.items().size() != d)
                    throw error(SOLUTION_GRID, "solution_grid needs " + d + " point counts, got " + g, "write solution_grid = [41, 21];");
                for (int k = 0; k < d; k++) {
                    grid[k] = (int) constant(SOLUTION_GRID, l.items().get(k));
                    if (grid[k] < 2) throw error(SOLUTION_GRID, "each grid count must be >= 2", "use at least 2 points per variable");
                }
            }
            return new PdeProblem(unknown, scale, vars, lo, hi, List.copyOf(defNames), List.copyOf(defs), residual,
                    residualOrder, residualWeight, List.copyOf(conds), col, est, solution, grid, form);
        }

        private int count(Value.Call c, String name, int fallback, int min) {
            int v = c.arg(name).map(x -> (int) constant(COLLOCATION, x)).orElse(fallback);
            if (v < min) throw error(COLLOCATION, name + " must be >= " + min + ", got " + v, "raise " + name);
            return v;
        }

        private Estimator estimator(Value v, int d) {
            if (v == null) return new Stein(0.02, 3);
            if (v instanceof Value.Sym s && s.name().equals("autodiff")) return new Autodiff();
            if (v instanceof Value.Call c && c.name().equals("autodiff") && c.named().isEmpty()) return new Autodiff();
            if (v instanceof Value.Call c && c.name().equals("stein")) {
                double sigma = c.arg("sigma").map(x -> constant(DERIVATIVES, x)).orElse(0.02);
                if (!(sigma > 0)) throw error(DERIVATIVES, "stein sigma must be > 0, got " + sigma, "use e.g. sigma: 0.02 (normalized coordinates)");
                int level = 3;
                Value rule = c.arg("rule").orElse(null);
                if (rule != null) {
                    if (!(rule instanceof Value.Call r) || !r.name().equals("sparse_grid"))
                        throw error(DERIVATIVES, "unknown quadrature rule " + rule, "write rule: sparse_grid(level: 3)");
                    level = r.arg("level").map(x -> (int) constant(DERIVATIVES, x)).orElse(3);
                    if (level != 3)
                        throw error(DERIVATIVES, "sparse_grid(level: " + level + ") is not implemented; level 3 (exact to degree 5, "
                                + (2 * d * d + 2 * d + 1) + " nodes) is", "write rule: sparse_grid(level: 3)");
                }
                return new Stein(sigma, level);
            }
            throw error(DERIVATIVES, "unknown derivative estimator " + v,
                    "write derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3)); or derivatives = autodiff;");
        }

        private Condition condition(Value item, List<String> defNames, List<Formula> defs) {
            if (!(item instanceof Value.Call c) || !c.name().equals("at") || !c.positional().isEmpty())
                throw error(CONDITIONS, "each condition is at(<variable>: <value>, " + unknown + ": <formula>, weight: w), got " + item,
                        "write at(t: T, " + unknown + ": max(S - K, 0))");
            int var = -1;
            double at = 0, weight = 1;
            Formula target = null;
            for (Map.Entry<String, Value> e : c.named().entrySet()) {
                String k = e.getKey();
                if (k.equals("weight")) weight = constant(CONDITIONS, e.getValue());
                else if (k.equals(unknown)) {
                    maxOrder = -1;
                    target = compile(CONDITIONS, e.getValue());
                    if (maxOrder >= 0) throw error(CONDITIONS, "a condition's target may not use the unknown", "state " + unknown + " = <formula in the variables>");
                } else if (slots.containsKey(k) && slots.get(k) < vars.length) {
                    if (var >= 0) throw error(CONDITIONS, "condition " + item + " fixes two variables", "fix one variable per condition");
                    var = slots.get(k);
                    at = constantWithDefs(e.getValue(), defNames, defs);
                } else
                    throw error(CONDITIONS, "condition " + item + " names '" + k + "', which is neither a variable ("
                            + String.join(", ", vars) + "), the unknown '" + unknown + "' nor 'weight'", "fix the name");
            }
            if (var < 0 || target == null)
                throw error(CONDITIONS, "condition " + item + " needs one variable and the unknown", "write at(t: T, " + unknown + ": ...)");
            return new Condition(var, at, target, weight, item.toString());
        }

        /** A face position: a formula over numbers and constant definitions. */
        private double constantWithDefs(Value v, List<String> defNames, List<Formula> defs) {
            maxOrder = -1;
            Formula f = compile(CONDITIONS, v);
            if (maxOrder >= 0)
                throw error(CONDITIONS, "the position " + v + " of a condition may not use the unknown", "use a number or a constant");
            double[] env = new double[vars.length + defNames.size() + 64];
            java.util.Arrays.fill(env, 0, vars.length, Double.NaN);
            for (int k = 0; k < defs.size(); k++) env[vars.length + k] = defs.get(k).eval(env);
            double at = f.eval(env);
            if (!Double.isFinite(at))
                throw error(CONDITIONS, "the position " + v + " of a condition must not depend on the variables", "use a number or a constant");
            return at;
        }

        private double constant(String key, Value v) {
            if (v instanceof Value.Num n) return n.base();
            if (v instanceof Value.Op o && o.operator().equals("neg") && o.operands().get(0) instanceof Value.Num n) return -n.base();
            throw error(key, "expected a number, got " + v, "write a plain number");
        }

        private static double[] interval(Value v) {
            if (v instanceof Value.Range r) return new double[]{r.from(), r.to()};
            if (v instanceof Value.ListV l && l.items().size() == 2) {
                double[] out = new double[2];
                for (int k = 0; k < 2; k++) {
                    Value x = l.items().get(k);
                    if (x instanceof Value.Num n) out[k] = n.base();
                    else if (x instanceof Value.Op o && o.operator().equals("neg") && o.operands().get(0) instanceof Value.Num n)
                        out[k] = -n.base();
                    else return null;
                }
                return out;
            }
            return null;
        }

        private Formula compile(String key, Value v) {
            if (v instanceof Value.Num n) return new Formula.Const(n.base());
            if (v instanceof Value.Sym s) {
                if (inForm && s.name().equals("net")) return new Formula.Slot(jetSlot(0), "net");
                if (s.name().equals(unknown)) {
                    maxOrder = Math.max(maxOrder, 0);
                    return new Formula.Slot(jetSlot(0), unknown);
                }
                Integer slot = slots.get(s.name());
                if (slot == null)
                    throw error(key, "unknown name '" + s.name() + "' in " + key + "; known: " + String.join(", ", known()),
                            "define it in constants = given(" + s.name() + ": ...) or fix the spelling");
                return new Formula.Slot(slot, s.name());
            }
            if (v instanceof Value.Op o) {
                if (o.operator().equals("neg")) return new Formula.Neg(compile(key, o.operands().get(0)));
                if (o.operator().length() != 1 || "+-*/^".indexOf(o.operator().charAt(0)) < 0)
                    throw error(key, "operator '" + o.operator() + "' is not allowed in a formula", "use + - * / ^");
                Formula acc = compile(key, o.operands().get(0));
                for (int k = 1; k < o.operands().size(); k++)
                    acc = new Formula.Binary(o.operator().charAt(0), acc, compile(key, o.operands().get(k)));
                return acc;
            }
            if (v instanceof Value.Call c) {
                if (!c.named().isEmpty())
                    throw error(key, "function " + c.name() + " takes positional arguments only, got " + c, "drop the argument names");
                if (c.name().equals("d")) return derivative(key, c);
                int arity = Formula.Fn.UNARY.contains(c.name()) ? 1 : Formula.Fn.BINARY.contains(c.name()) ? 2 : -1;
                if (arity < 0)
                    throw error(key, "unknown function '" + c.name() + "' in " + key, "available: d, "
                            + String.join(", ", Formula.Fn.UNARY) + ", " + String.join(", ", Formula.Fn.BINARY));
                if (c.positional().size() != arity)
                    throw error(key, c.name() + " takes " + arity + " argument(s), got " + c.positional().size(), "fix the call " + c);
                List<Formula> args = new ArrayList<>();
                for (Value a : c.positional()) args.add(compile(key, a));
                return new Formula.Fn(c.name(), args);
            }
            throw error(key, "cannot use " + v + " in a formula", "use numbers, names, + - * / ^ and functions");
        }

        private Formula derivative(String key, Value.Call c) {
            List<Value> p = c.positional();
            if (p.isEmpty() || !(p.get(0) instanceof Value.Sym s) || !s.name().equals(unknown))
                throw error(key, "d(...) differentiates the unknown: write d(" + unknown + ", <variable>[, <variable>]), got " + c,
                        "write d(" + unknown + ", " + vars[0] + ")");
            int order = p.size() - 1;
            if (order < 1 || order > 2)
                throw error(key, "derivative order " + order + " in " + c + " is not supported; orders 1 and 2 are",
                        "the Stein estimator and the jets twin provide first and second derivatives only");
            int[] idx = new int[order];
            for (int k = 0; k < order; k++) {
                Value a = p.get(k + 1);
                Integer slot = a instanceof Value.Sym vs ? slots.get(vs.name()) : null;
                if (slot == null || slot >= vars.length)
                    throw error(key, "d(...) differentiates with respect to a domain variable (" + String.join(", ", vars)
                            + "), got " + a, "use one of " + String.join(", ", vars));
                idx[k] = slot;
            }
            maxOrder = Math.max(maxOrder, order);
            JetLayout jl = new JetLayout(vars.length, 2);
            int comp = order == 1 ? jl.first(idx[0]) : jl.second(idx[0], idx[1]);
            return new Formula.Slot(jetSlot(comp), c.toString());
        }

        private int jetSlot(int comp) {
            // definitions are compiled before they are all known; jets go after every definition, so resolve
            // lazily by a large sentinel offset that PdeProblem fixes below
            return JET_SENTINEL + comp;
        }

        private List<String> known() {
            List<String> k = new ArrayList<>(slots.keySet());
            k.add(unknown);
            return k;
        }
    }

    static final int JET_SENTINEL = 1 << 20;

    /** Rewrites sentinel jet slots to their final index (after every definition). */
    PdeProblem {
        int base = vars.length + defNames.size();
        residual = relocate(residual, base);
        form = relocate(form, base);
        List<Condition> cs = new ArrayList<>();
        for (Condition c : conditions) cs.add(new Condition(c.var(), c.at(), relocate(c.target(), base), c.weight(), c.text()));
        conditions = List.copyOf(cs);
    }

    private static Formula relocate(Formula f, int base) {
        if (f == null) return null;
        if (f instanceof Formula.Slot s && s.index() >= JET_SENTINEL)
            return new Formula.Slot(base + s.index() - JET_SENTINEL, s.name());
        if (f instanceof Formula.Neg n) return new Formula.Neg(relocate(n.a(), base));
        if (f instanceof Formula.Binary b) return new Formula.Binary(b.op(), relocate(b.a(), base), relocate(b.b(), base));
        if (f instanceof Formula.Fn fn) return new Formula.Fn(fn.name(), fn.args().stream().map(a -> relocate(a, base)).toList());
        return f;
    }

    /** Physical coordinate of normalized x in variable i. */
    double physical(int i, double x) {
        return lo[i] + x * (hi[i] - lo[i]);
    }

    double normalized(int i, double v) {
        return (v - lo[i]) / (hi[i] - lo[i]);
    }

    double length(int i) {
        return hi[i] - lo[i];
    }
}
