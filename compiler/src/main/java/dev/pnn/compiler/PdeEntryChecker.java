package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.TrainerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of a physics-informed plan (the tensor-train plugin's {@code PdeProblem} reads them; docs/black-scholes.md
 * states the grammar): {@code domain}, {@code unknown}, {@code constants}, {@code define}, {@code residual},
 * {@code conditions}, {@code collocation}, {@code derivatives}, {@code residual_weight}, {@code solution},
 * {@code solution_grid}. Each entry's own form is checked in {@link #check}; names in formulas, derivative orders
 * and variables, and the network's input/output widths against the domain are checked in {@link #finish}, with
 * the span of the offending sub-expression.
 */
public final class PdeEntryChecker implements PlanEntryChecker {
    static final String DOMAIN = "domain", UNKNOWN = "unknown", CONSTANTS = "constants", DEFINE = "define",
            RESIDUAL = "residual", CONDITIONS = "conditions", COLLOCATION = "collocation", DERIVATIVES = "derivatives",
            RESIDUAL_WEIGHT = "residual_weight", SOLUTION = "solution", SOLUTION_GRID = "solution_grid";
    static final Map<String, Integer> FUNCTIONS = functions();

    private static Map<String, Integer> functions() {
        Map<String, Integer> f = new LinkedHashMap<>();
        for (String u : List.of("exp", "ln", "log", "sqrt", "abs", "sin", "cos", "tanh", "norm_cdf")) f.put(u, 1);
        f.put("max", 2);
        f.put("min", 2);
        return f;
    }

    @Override
    public Set<String> keys() {
        return PlanChecker.ordered(DOMAIN, UNKNOWN, CONSTANTS, DEFINE, RESIDUAL, CONDITIONS, COLLOCATION, DERIVATIVES,
                RESIDUAL_WEIGHT, SOLUTION, SOLUTION_GRID);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        String key = entry.key().name();
        Expr e = entry.value();
        boolean ok = switch (key) {
            case DOMAIN -> domain(ctx, e);
            case UNKNOWN -> unknown(ctx, e);
            case CONSTANTS, DEFINE -> namedOnly(ctx, key, e, "given(K: 100, r: 0.05)");
            case CONDITIONS -> conditionsForm(ctx, e);
            case COLLOCATION -> collocation(ctx, e);
            case DERIVATIVES -> derivatives(ctx, e);
            case RESIDUAL_WEIGHT -> positiveNumber(ctx, key, e);
            case SOLUTION_GRID -> grid(ctx, e);
            default -> true;   // formulas: names are resolved in finish()
        };
        if (!ok) return Optional.empty();
        return ctx.convert(e);
    }

    private static void error(PlanContext ctx, Span span, String message, String label, String help) {
        Diagnostic d = Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, span, message, label);
        ctx.report(help == null ? d : d.help(help));
    }

    private static Optional<Double> number(Expr e) {
        if (e instanceof Expr.Num n && n.unit().isEmpty()) return Optional.of(n.value());
        if (e instanceof Expr.Neg neg && neg.operand() instanceof Expr.Num n && n.unit().isEmpty()) return Optional.of(-n.value());
        return Optional.empty();
    }

    private static boolean domain(PlanContext ctx, Expr e) {
        if (!(e instanceof Expr.Call c) || c.args().isEmpty() || !c.positional().isEmpty()) {
            error(ctx, e.span(), "domain names each variable with its interval", "expected box(<var>: [lo, hi], ...)",
                    "write `domain = box(S: [0, 200], t: [0, 1]);`");
            return false;
        }
        boolean ok = true;
        for (Arg a : c.args()) {
            Optional<Double> lo = Optional.empty(), hi = Optional.empty();
            if (a.value() instanceof Expr.ListLit l && l.items().size() == 2) {
                lo = number(l.items().get(0));
                hi = number(l.items().get(1));
            }
            if (lo.isEmpty() || hi.isEmpty() || !(hi.get() > lo.get())) {
                error(ctx, a.value().span(), "variable '" + a.name().get().name() + "' needs an interval [lo, hi] of plain numbers with lo < hi",
                        "expected [lo, hi]", null);
                ok = false;
            }
        }
        return ok;
    }

    private static boolean unknown(PlanContext ctx, Expr e) {
        if (e instanceof Expr.Name) return true;
        if (e instanceof Expr.Call c && c.positional().isEmpty()
                && c.named().stream().allMatch(a -> a.name().get().name().equals("form")
                        || a.name().get().name().equals("scale") && number(a.value()).filter(v -> v != 0).isPresent()))
            return true;
        error(ctx, e.span(), "unknown is the name of the solution, optionally with a nonzero scale and a form",
                "expected u, u(scale: s) or u(scale: s, form: ...)",
                "write `unknown = u(scale: 100);` (the network output times the scale is u), or give the form of u in "
                + "terms of net = scale·output, e.g. `u(scale: 100, form: S / 200 * (1 - S / 200) * net)`");
        return false;
    }

    /** The form's formula (names: variables, constants, definitions and net), or empty. */
    private static Optional<Expr> form(PlanContext ctx) {
        return ctx.entry(UNKNOWN).flatMap(s -> s.value() instanceof Expr.Call c
                ? c.named().stream().filter(a -> a.name().get().name().equals("form")).map(Arg::value).findFirst()
                : Optional.empty());
    }

    private static boolean namedOnly(PlanContext ctx, String key, Expr e, String example) {
        if (e instanceof Expr.Call c && c.positional().isEmpty()) return true;
        error(ctx, e.span(), key + " is a list of named definitions", "expected a call with named arguments", "write `" + key + " = " + example + ";`");
        return false;
    }

    private static boolean conditionsForm(PlanContext ctx, Expr e) {
        List<Expr> items = e instanceof Expr.ListLit l ? l.items() : List.of(e);
        boolean ok = true;
        for (Expr item : items)
            if (!(item instanceof Expr.Call c) || !c.callee().name().equals("at") || !c.positional().isEmpty()) {
                error(ctx, item.span(), "a condition is at(<variable>: <position>, <unknown>: <formula>, weight: w)",
                        "expected at(...)", "write `at(t: T, u: max(S - K, 0))`");
                ok = false;
            }
        return ok;
    }

    private static boolean collocation(PlanContext ctx, Expr e) {
        if (!(e instanceof Expr.Call c) || !c.callee().name().equals("uniform") || !c.positional().isEmpty()) {
            error(ctx, e.span(), "collocation is uniform(interior: n, boundary: n, resample: k, seed: s)", "expected uniform(...)", null);
            return false;
        }
        boolean ok = true;
        for (Arg a : c.args()) {
            String n = a.name().get().name();
            if (!List.of("interior", "boundary", "resample", "seed").contains(n)) {
                error(ctx, a.span(), "uniform() has no argument '" + n + "'", "unknown argument",
                        Suggestions.didYouMean(n, List.of("interior", "boundary", "resample", "seed")));
                ok = false;
            } else if (number(a.value()).filter(v -> v >= 0 && v == Math.rint(v)).isEmpty()) {
                error(ctx, a.value().span(), n + " must be a whole number >= 0", "expected a whole number", null);
                ok = false;
            }
        }
        return ok;
    }

    private static boolean derivatives(PlanContext ctx, Expr e) {
        if (e instanceof Expr.Name n && n.name().equals("autodiff")) return true;
        if (e instanceof Expr.Call c && c.callee().name().equals("stein") && c.positional().isEmpty()) {
            boolean ok = true;
            for (Arg a : c.args()) {
                String n = a.name().get().name();
                if (n.equals("sigma")) {
                    if (number(a.value()).filter(v -> v > 0).isEmpty()) {
                        error(ctx, a.value().span(), "stein sigma must be a number > 0 (normalized coordinates)", "expected sigma > 0", null);
                        ok = false;
                    }
                } else if (n.equals("rule")) {
                    ok &= rule(ctx, a.value());
                } else {
                    error(ctx, a.span(), "stein() has no argument '" + n + "'", "unknown argument", "arguments: sigma, rule");
                    ok = false;
                }
            }
            return ok;
        }
        error(ctx, e.span(), "unknown derivative estimator", "expected stein(...) or autodiff",
                "write `derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));` or `derivatives = autodiff;`");
        return false;
    }

    private static boolean rule(PlanContext ctx, Expr e) {
        if (e instanceof Expr.Call r && r.callee().name().equals("sparse_grid") && r.positional().isEmpty()) {
            for (Arg a : r.args()) {
                if (!a.name().get().name().equals("level")) {
                    error(ctx, a.span(), "sparse_grid() has no argument '" + a.name().get().name() + "'", "unknown argument", "write sparse_grid(level: 3)");
                    return false;
                }
                if (number(a.value()).filter(v -> v == 3).isEmpty()) {
                    error(ctx, a.value().span(), "only the level-3 sparse grid (exact to degree 5) is implemented",
                            "level 3 only", "write sparse_grid(level: 3)");
                    return false;
                }
            }
            return true;
        }
        error(ctx, e.span(), "unknown quadrature rule", "expected sparse_grid(level: 3)", null);
        return false;
    }

    private static boolean positiveNumber(PlanContext ctx, String key, Expr e) {
        if (number(e).filter(v -> v >= 0).isPresent()) return true;
        error(ctx, e.span(), key + " must be a number >= 0", "expected a number", null);
        return false;
    }

    private static boolean grid(PlanContext ctx, Expr e) {
        if (e instanceof Expr.ListLit l && l.items().stream().allMatch(i -> number(i).filter(v -> v >= 2 && v == Math.rint(v)).isPresent()))
            return true;
        error(ctx, e.span(), "solution_grid is a list of point counts (each >= 2), one per variable", "expected [n1, n2, ...]", null);
        return false;
    }

    // ------------------------------------------------------------------ cross-entry checks

    @Override
    public void finish(PlanContext ctx) {
        boolean any = keys().stream().anyMatch(k -> ctx.entry(k).isPresent());
        if (!any) return;
        for (String k : List.of(DOMAIN, RESIDUAL))
            if (ctx.entry(k).isEmpty()) {
                ctx.report(Diagnostic.error(DiagnosticCode.MISSING_PLAN_ENTRY, ctx.plan().planName().span(),
                        "physics-informed plan '" + ctx.plan().planName().name() + "' has no '" + k + "' entry", "missing '" + k + "'")
                        .help("a PDE plan needs at least `domain = box(...)` and `residual = ...`"));
                return;
            }
        if (ctx.value(DOMAIN).isEmpty()) return;   // already reported
        List<Arg> domainArgs = ((Expr.Call) ctx.entry(DOMAIN).get().value()).args();
        List<String> vars = domainArgs.stream().map(a -> a.name().get().name()).toList();
        String unknown = ctx.entry(UNKNOWN).map(s -> s.value() instanceof Expr.Call c ? c.callee().name()
                : s.value() instanceof Expr.Name n ? n.name() : "u").orElse("u");
        Set<String> names = new LinkedHashSet<>(vars);
        Set<String> seenVars = new LinkedHashSet<>();
        for (Arg a : domainArgs)
            if (!seenVars.add(a.name().get().name()))
                error(ctx, a.name().get().span(), "variable '" + a.name().get().name() + "' is declared twice", "declared again", null);
        if (names.contains(unknown))
            error(ctx, ctx.entry(UNKNOWN).map(s -> s.value().span()).orElse(ctx.entry(DOMAIN).get().value().span()),
                    "the unknown '" + unknown + "' is also a domain variable", "name clash", "rename one of them");
        network(ctx, vars);
        for (String k : List.of(CONSTANTS, DEFINE)) {
            Optional<Setting> s = ctx.entry(k);
            if (s.isEmpty() || !(s.get().value() instanceof Expr.Call c)) continue;
            for (Arg a : c.args()) {
                String n = a.name().get().name();
                formula(ctx, a.value(), names, unknown, vars, false, k);
                if (n.equals(unknown) || !names.add(n))
                    error(ctx, a.name().get().span(), "'" + n + "' is already defined", "defined again", "rename it");
            }
        }
        form(ctx).ifPresent(f -> {
            Set<String> withNet = new LinkedHashSet<>(names);
            withNet.add("net");
            formula(ctx, f, withNet, unknown, vars, false, "the form of " + unknown);
            Optional<Setting> der = ctx.entry(DERIVATIVES);
            if (der.isPresent() && der.get().value() instanceof Expr.Name n && n.name().equals("autodiff"))
                error(ctx, f.span(), "a form for the unknown needs Stein derivatives: exact jets of the form are not implemented",
                        "with derivatives = autodiff", "use `derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));` or drop the form");
        });
        ctx.entry(RESIDUAL).ifPresent(s -> formula(ctx, s.value(), names, unknown, vars, true, RESIDUAL));
        ctx.entry(SOLUTION).ifPresent(s -> formula(ctx, s.value(), names, unknown, vars, false, SOLUTION));
        ctx.entry(CONDITIONS).ifPresent(s -> conditions(ctx, s.value(), names, unknown, vars));
        ctx.entry(SOLUTION_GRID).ifPresent(s -> {
            if (s.value() instanceof Expr.ListLit l && l.items().size() != vars.size())
                error(ctx, s.value().span(), "solution_grid has " + l.items().size() + " counts but the domain has " + vars.size()
                        + " variables (" + String.join(", ", vars) + ")", "one count per variable", null);
        });
        trainerFits(ctx);
    }

    /** The network maps the d domain variables to one output. */
    private static void network(PlanContext ctx, List<String> vars) {
        Optional<Graph> g = ctx.network();
        if (g.isEmpty()) return;
        List<Node> inputs = g.get().inputs();
        Span at = ctx.entry(DOMAIN).get().value().span();
        if (inputs.size() != 1 || inputs.get(0).type().width() != vars.size())
            error(ctx, at, "the domain has " + vars.size() + " variables (" + String.join(", ", vars) + ") but network '"
                    + g.get().name() + "' takes " + inputs.stream().map(n -> n.type().toString()).toList(),
                    "dimension mismatch", "the network needs one input real[" + vars.size() + "], the normalized variables in domain order");
        int out = g.get().outputNode().type().width();
        if (out != 1)
            error(ctx, at, "a physics-informed plan solves for one unknown, but network '" + g.get().name() + "' outputs "
                    + g.get().outputNode().type(), "dimension mismatch", "end the network with an output of width 1");
    }

    private static void conditions(PlanContext ctx, Expr e, Set<String> names, String unknown, List<String> vars) {
        List<Expr> items = e instanceof Expr.ListLit l ? l.items() : List.of(e);
        for (Expr item : items) {
            if (!(item instanceof Expr.Call c)) continue;
            int fixed = 0;
            boolean target = false;
            for (Arg a : c.named()) {
                String n = a.name().get().name();
                if (n.equals("weight")) {
                    if (number(a.value()).filter(v -> v >= 0).isEmpty())
                        error(ctx, a.value().span(), "a condition's weight must be a number >= 0", "expected a number", null);
                } else if (n.equals(unknown)) {
                    target = true;
                    formula(ctx, a.value(), names, unknown, vars, false, CONDITIONS);
                } else if (vars.contains(n)) {
                    fixed++;
                    if (fixed > 1) error(ctx, a.span(), "a condition fixes one variable", "second variable", "write one at(...) per face");
                    formula(ctx, a.value(), constantsOnly(names, vars), unknown, List.of(), false, CONDITIONS);
                } else {
                    Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, a.name().get().span(),
                            "'" + n + "' is neither a domain variable, the unknown '" + unknown + "' nor 'weight'", "unknown variable");
                    List<String> cands = new ArrayList<>(vars);
                    cands.add(unknown);
                    cands.add("weight");
                    String dym = Suggestions.didYouMean(n, cands);
                    ctx.report((dym.isEmpty() ? d : d.help(dym)).note("variables: " + String.join(", ", vars)));
                }
            }
            if (fixed == 0 || !target)
                error(ctx, item.span(), "a condition needs one variable position and the unknown's value", "incomplete condition",
                        "write `at(" + vars.get(0) + ": <position>, " + unknown + ": <formula>)`");
        }
    }

    private static Set<String> constantsOnly(Set<String> names, List<String> vars) {
        Set<String> s = new LinkedHashSet<>(names);
        s.removeAll(vars);
        return s;
    }

    /**
     * Resolves names and derivative calls in a formula. {@code allowUnknown}: the residual may use the unknown and
     * its derivatives; definitions, conditions' targets and the solution may not.
     */
    private static void formula(PlanContext ctx, Expr e, Set<String> names, String unknown, List<String> vars,
                                boolean allowUnknown, String key) {
        if (e instanceof Expr.Num n) {
            if (n.unit().isPresent())
                error(ctx, n.span(), "formulas use plain numbers (the PDE's own units)", "unit not allowed here", "drop the unit");
        } else if (e instanceof Expr.Name n) {
            if (n.name().equals(unknown)) {
                if (!allowUnknown)
                    error(ctx, n.span(), "the unknown '" + unknown + "' cannot appear in " + key, "not allowed in " + key,
                            "only the residual uses the unknown; state conditions and definitions in the variables");
            } else if (!names.contains(n.name())) {
                Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, n.span(), "unknown name '" + n.name() + "' in " + key, "unknown name");
                String dym = Suggestions.didYouMean(n.name(), names);
                ctx.report((dym.isEmpty() ? d.help("define it in `constants = given(" + n.name() + ": ...)`") : d.help(dym))
                        .note("known here: " + String.join(", ", names) + (allowUnknown ? ", " + unknown : "")));
            }
        } else if (e instanceof Expr.Binary b) {
            formula(ctx, b.left(), names, unknown, vars, allowUnknown, key);
            formula(ctx, b.right(), names, unknown, vars, allowUnknown, key);
        } else if (e instanceof Expr.Neg n) {
            formula(ctx, n.operand(), names, unknown, vars, allowUnknown, key);
        } else if (e instanceof Expr.Call c) {
            call(ctx, c, names, unknown, vars, allowUnknown, key);
        } else {
            error(ctx, e.span(), "cannot use " + ArgBinder.describe(e) + " in a formula", "not a formula",
                    "use numbers, names, + - * / ^ and functions");
        }
    }

    private static void call(PlanContext ctx, Expr.Call c, Set<String> names, String unknown, List<String> vars,
                             boolean allowUnknown, String key) {
        String f = c.callee().name();
        if (!c.named().isEmpty()) {
            error(ctx, c.named().get(0).span(), f + "(...) in a formula takes positional arguments only", "named argument", null);
            return;
        }
        List<Arg> args = c.positional();
        if (f.equals("d")) {
            if (!allowUnknown) {
                error(ctx, c.span(), "derivatives of the unknown cannot appear in " + key, "not allowed in " + key, null);
                return;
            }
            if (args.isEmpty() || !(args.get(0).value() instanceof Expr.Name u) || !u.name().equals(unknown)) {
                error(ctx, args.isEmpty() ? c.span() : args.get(0).value().span(), "d(...) differentiates the unknown '" + unknown + "'",
                        "expected " + unknown, "write `d(" + unknown + ", " + vars.get(0) + ")`");
                return;
            }
            int order = args.size() - 1;
            if (order < 1 || order > 2) {
                error(ctx, c.span(), "derivative order " + order + " is not supported: the Stein estimator and the exact twin give orders 1 and 2",
                        "order " + order, order == 0 ? "name a variable: `d(" + unknown + ", " + vars.get(0) + ")`" : "rewrite the PDE as a first-order system, or use orders ≤ 2");
                return;
            }
            for (Arg a : args.subList(1, args.size())) {
                if (a.value() instanceof Expr.Name v && vars.contains(v.name())) continue;
                String shown = a.value() instanceof Expr.Name v ? v.name() : ArgBinder.describe(a.value());
                Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, a.value().span(),
                        "d(...) differentiates with respect to a domain variable, not '" + shown + "'", "not a variable");
                String dym = Suggestions.didYouMean(shown, vars);
                ctx.report((dym.isEmpty() ? d : d.help(dym)).note("variables: " + String.join(", ", vars)));
            }
            return;
        }
        Integer arity = FUNCTIONS.get(f);
        if (arity == null) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, c.callee().span(), "unknown function '" + f + "' in " + key, "unknown function");
            String dym = Suggestions.didYouMean(f, FUNCTIONS.keySet());
            ctx.report((dym.isEmpty() ? d : d.help(dym)).note("functions: d, " + String.join(", ", FUNCTIONS.keySet())));
            return;
        }
        if (args.size() != arity) {
            error(ctx, c.span(), f + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + args.size(),
                    "wrong number of arguments", null);
            return;
        }
        for (Arg a : args) formula(ctx, a.value(), names, unknown, vars, allowUnknown, key);
    }

    /**
     * The trainer must read the PDE keys (a trainer that does not would train on data and loss alone and ignore
     * the problem); tt_zo is forward-only (Stein); pinn_backprop needs exact derivatives (autodiff).
     */
    private static void trainerFits(PlanContext ctx) {
        Optional<Setting> der = ctx.entry(DERIVATIVES), tr = ctx.entry("trainer");
        if (tr.isEmpty()) return;
        String trainer = tr.get().value() instanceof Expr.Call c ? c.callee().name()
                : tr.get().value() instanceof Expr.Name n ? n.name() : "";
        Optional<TrainerFactory> factory = ctx.catalog().trainers().find(trainer);
        if (factory.isPresent() && ctx.entry(RESIDUAL).isPresent() && !factory.get().readsPlanKeys().contains(RESIDUAL)) {
            List<String> pde = ctx.catalog().trainers().all().stream()
                    .filter(t -> t.readsPlanKeys().contains(RESIDUAL)).map(TrainerFactory::name).toList();
            error(ctx, tr.get().value().span(), "trainer '" + trainer + "' does not read the physics-informed keys "
                    + "(residual, conditions, ...): it would train on data and loss alone", "ignores the PDE",
                    pde.isEmpty() ? "no loaded trainer solves PDE plans; load the tensor-train plugin"
                            : "trainers that solve PDE plans: " + String.join(", ", pde));
            return;
        }
        if (der.isEmpty()) return;
        boolean autodiff = der.get().value() instanceof Expr.Name n && n.name().equals("autodiff");
        if (trainer.equals("tt_zo") && autodiff)
            error(ctx, der.get().value().span(), "tt_zo is forward-only and cannot use exact derivatives", "needs a twin",
                    "use `derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));` or `trainer = pinn_backprop;`");
        if (trainer.equals("pinn_backprop") && !autodiff)
            error(ctx, der.get().value().span(), "pinn_backprop differentiates exactly through the twin", "expected autodiff",
                    "use `derivatives = autodiff;` or `trainer = tt_zo(...)`");
    }
}
