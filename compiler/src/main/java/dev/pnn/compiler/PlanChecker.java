package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks one {@code train} block by handing each entry to the {@link PlanEntryChecker} that owns its key. */
final class PlanChecker {
    private final Scope scope;
    private final Diagnostics diags;
    private final Values values;
    private final ArgBinder binder;
    private final List<PlanEntryChecker> checkers;
    private final Map<String, PlanEntryChecker> owner = new LinkedHashMap<>();

    PlanChecker(Scope scope, Diagnostics diags, Values values, ArgBinder binder, List<PlanEntryChecker> checkers) {
        this.scope = scope;
        this.diags = diags;
        this.values = values;
        this.binder = binder;
        this.checkers = checkers;
        for (PlanEntryChecker c : checkers)
            for (String k : canonical(c.keys())) {
                PlanEntryChecker prev = owner.putIfAbsent(k, c);
                if (prev != null && prev != c)
                    throw new IllegalStateException("plan key '" + k + "' is claimed by both " + prev.getClass().getName()
                            + " and " + c.getClass().getName());
            }
    }

    Optional<TrainingPlan> check(Item.Train plan) {
        int before = diags.errorCount();
        String network = plan.network().name();
        boolean networkKnown = scope.declaredNetworks.containsKey(network);
        if (!networkKnown) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, plan.network().span(), "unknown network '" + network + "'", "unknown network");
            Optional<String> dym = Suggestions.closest(network, scope.declaredNetworks.keySet());
            if (dym.isPresent()) d = d.help("did you mean `" + dym.get() + "`?");
            else if (scope.profileNames().contains(network)) d = d.note("'" + network + "' is a hardware profile; `train` names a network");
            diags.add(d);
        }
        Context ctx = new Context(plan);
        Map<String, Setting> seen = new LinkedHashMap<>();
        for (Setting s : plan.entries()) {
            String key = s.key().name();
            Setting prev = seen.putIfAbsent(key, s);
            if (prev != null) {
                diags.add(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, s.key().span(),
                        "'" + key + "' is set twice in plan '" + plan.planName().name() + "'", "set again here")
                        .note("first set at " + NetworkLowering.at(prev.key().span())));
                continue;
            }
            PlanEntryChecker c = owner.get(key);
            if (c == null) {
                Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_PLAN_KEY, s.key().span(), "unknown training-plan key '" + key + "'",
                        "unknown key");
                String dym = Suggestions.didYouMean(key, owner.keySet());
                diags.add((dym.isEmpty() ? d : d.help(dym)).note("plan keys: " + String.join(", ", owner.keySet())));
                continue;
            }
            ctx.entries.put(key, s);
        }
        for (Map.Entry<String, Setting> e : ctx.entries.entrySet()) {
            Optional<Value> v = owner.get(e.getKey()).check(ctx, e.getValue());
            v.ifPresent(value -> ctx.values.put(e.getKey(), value));
        }
        Set<String> relaxed = new HashSet<>();
        Set<PlanEntryChecker> present = new LinkedHashSet<>();
        for (String k : ctx.entries.keySet()) present.add(owner.get(k));
        for (PlanEntryChecker c : present) relaxed.addAll(c.relaxes());
        for (PlanEntryChecker c : checkers)
            for (String k : canonical(c.requiredKeys()))
                if (!ctx.entries.containsKey(k) && !relaxed.contains(k))
                    diags.add(Diagnostic.error(DiagnosticCode.MISSING_PLAN_ENTRY, plan.planName().span(),
                            "plan '" + plan.planName().name() + "' has no '" + k + "' entry", "missing '" + k + "'")
                            .help("add `" + k + " = ...;` to the plan"));
        for (PlanEntryChecker c : checkers) c.finish(ctx);
        if (diags.errorCount() > before) return Optional.empty();
        Map<String, Loc> locs = new LinkedHashMap<>();
        for (Map.Entry<String, Setting> e : ctx.entries.entrySet()) locs.put(e.getKey(), loc(e.getValue().span()));
        return Optional.of(new TrainingPlan(plan.planName().name(), network, ctx.values, locs, loc(plan.planName().span())));
    }

    private Loc loc(Span s) {
        return new Loc(scope.sourceName, s.line(), s.column());
    }

    private final class Context implements PlanContext {
        private final Item.Train plan;
        final Map<String, Setting> entries = new LinkedHashMap<>();
        final Map<String, Value> values = new LinkedHashMap<>();

        Context(Item.Train plan) {
            this.plan = plan;
        }

        @Override
        public Catalog catalog() {
            return scope.catalog;
        }

        @Override
        public Item.Train plan() {
            return plan;
        }

        @Override
        public Optional<Graph> network() {
            return Optional.ofNullable(scope.graphs.get(plan.network().name()));
        }

        @Override
        public Optional<Setting> entry(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public Optional<Value> value(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Optional<HardwareProfile> profile(String name) {
            return scope.profile(name);
        }

        @Override
        public Set<String> profileNames() {
            return scope.profileNames();
        }

        @Override
        public boolean isBrokenProfile(String name) {
            return scope.declaredProfiles.containsKey(name) && !scope.profiles.containsKey(name);
        }

        @Override
        public Optional<String> unavailableProfile(String name) {
            if (scope.declaredProfiles.containsKey(name)) return Optional.empty();
            Scope.ModuleProfile mp = scope.moduleProfiles.get(name);
            return mp == null ? Optional.empty() : Optional.ofNullable(mp.unavailableReason());
        }

        @Override
        public Set<String> networkNames() {
            return scope.declaredNetworks.keySet();
        }

        @Override
        public void report(Diagnostic diagnostic) {
            diags.add(diagnostic);
        }

        @Override
        public void reportUnknown(String kind, String name, Span span, Collection<String> candidates) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, span, "unknown " + kind + " '" + name + "'", "unknown " + kind);
            String dym = Suggestions.didYouMean(name, candidates);
            if (!dym.isEmpty()) d = d.help(dym);
            diags.add(d.note(plural(kind) + ": " + (candidates.isEmpty() ? "(none)" : String.join(", ", candidates))));
        }

        @Override
        public Optional<Value> convert(Expr expression) {
            return Optional.ofNullable(PlanChecker.this.values.convert(expression));
        }

        @Override
        public Optional<Value> check(String what, ArgSpec spec, Expr expression) {
            return Optional.ofNullable(binder.check(what, spec, expression));
        }

        @Override
        public Optional<Value.Call> bindCall(String what, Collection<ArgSpec> specs, Expr expression, boolean firstStringIsPath) {
            if (!(expression instanceof Expr.Call) && !(expression instanceof Expr.Name)) {
                diags.add(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, expression.span(),
                        what + " is written as a name or a call, found " + ArgBinder.describe(expression), "expected a call"));
                return Optional.empty();
            }
            List<dev.pnn.dsl.ast.Arg> args = expression instanceof Expr.Call c ? c.args() : List.of();
            String name = expression instanceof Expr.Call c ? c.callee().name() : ((Expr.Name) expression).name();
            Map<String, Value> bound = binder.bind(what, new ArrayList<>(specs), args, expression.span(), 0, firstStringIsPath);
            return bound == null ? Optional.empty() : Optional.of(new Value.Call(name, List.of(), bound));
        }
    }

    private static final List<String> WELL_KNOWN = List.of(TrainingPlan.DATA, TrainingPlan.LOSS, TrainingPlan.TRAINER,
            TrainingPlan.OPTIMIZER, TrainingPlan.EPOCHS, TrainingPlan.BATCH, TrainingPlan.SEED, TrainingPlan.ON, TrainingPlan.EVALUATE);

    /** Keys in a fixed order (well-known ones as a plan is usually written, then alphabetical), whatever set type a checker returns. */
    static List<String> canonical(Set<String> keys) {
        return keys.stream().sorted(java.util.Comparator.comparingInt((String k) -> WELL_KNOWN.contains(k) ? WELL_KNOWN.indexOf(k) : WELL_KNOWN.size())
                .thenComparing(k -> k)).toList();
    }

    static Set<String> ordered(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    static String plural(String kind) {
        return kind.endsWith("s") ? kind + "es" : kind + "s";
    }
}
