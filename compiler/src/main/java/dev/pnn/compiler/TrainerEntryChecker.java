package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.Capability;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code trainer = sat(rho: 0.2, base: pat);}: the trainer and its arguments (nested trainer calls included),
 * then, once {@code on} is known, what the trainer needs against what the backend provides. Wrappers resolve
 * their base through {@link TrainerFactory#requires(Args, Function)}.
 */
final class TrainerEntryChecker implements PlanEntryChecker {
    /** Order in which well-known capabilities are listed; others follow alphabetically. */
    private static final List<Capability> WELL_KNOWN = List.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS,
            Capability.NOISE, Capability.ENERGY, Capability.ECHO, Capability.SCATTERING, Capability.RESERVOIR, Capability.ADJOINT);

    @Override
    public Set<String> keys() {
        return Set.of(TrainingPlan.TRAINER);
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of(TrainingPlan.TRAINER);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        return trainerCall(ctx, entry.key().name(), entry.value()).map(c -> c);
    }

    private Optional<Value.Call> trainerCall(PlanContext ctx, String key, Expr e) {
        Optional<Value.Call> call = FactoryCalls.check(ctx, key, e, ctx.catalog().trainers(), TrainerFactory::args, false);
        if (call.isEmpty()) return call;
        TrainerFactory f = ctx.catalog().trainers().find(call.get().name()).orElseThrow();
        // Nested trainers (a wrapper's base) are checked like the outer one, with their own arguments.
        Map<String, Value> named = new LinkedHashMap<>(call.get().named());
        boolean ok = true;
        List<ArgSpec> specs = f.args();
        for (int i = 0; i < specs.size(); i++) {
            ArgSpec spec = specs.get(i);
            if (spec.kind() != ArgSpec.Kind.CALL) continue;
            Optional<Expr> written = argExpr(e, spec.name(), i);
            if (written.isEmpty()) continue;
            Optional<String> inner = FactoryCalls.calleeName(written.get());
            if (inner.isEmpty() || ctx.catalog().trainers().find(inner.get()).isEmpty()) continue;
            Optional<Value.Call> nested = trainerCall(ctx, spec.name(), written.get());
            if (nested.isEmpty()) ok = false;
            else named.put(spec.name(), nested.get());
        }
        return ok ? Optional.of(new Value.Call(call.get().name(), List.of(), named)) : Optional.empty();
    }

    private static Optional<Expr> argExpr(Expr e, String name, int index) {
        if (!(e instanceof Expr.Call c)) return Optional.empty();
        for (Arg a : c.named()) if (a.name().get().name().equals(name)) return Optional.of(a.value());
        List<Arg> positional = c.positional();
        return index < positional.size() ? Optional.of(positional.get(index).value()) : Optional.empty();
    }

    @Override
    public void finish(PlanContext ctx) {
        Optional<Value> tv = ctx.value(TrainingPlan.TRAINER);
        if (tv.isEmpty()) return;
        Value.Call call = (Value.Call) tv.get();
        TrainerFactory factory = ctx.catalog().trainers().find(call.name()).orElseThrow();
        Setting entry = ctx.entry(TrainingPlan.TRAINER).orElseThrow();
        if (factory.kind() != TrainerKind.DIRECT_UPDATE && ctx.entry(TrainingPlan.OPTIMIZER).isEmpty()) {
            ctx.report(Diagnostic.error(DiagnosticCode.MISSING_PLAN_ENTRY, ctx.plan().planName().span(),
                            "plan '" + ctx.plan().planName().name() + "' trains with '" + call.name() + "', which needs an optimizer",
                            "no `optimizer` entry")
                    .help("add `optimizer = " + firstOr(ctx.catalog().optimizers().names(), "adam") + "(lr: 0.01);`"));
        }
        Set<String> unknownNested = new LinkedHashSet<>();
        Set<Capability> needed;
        try {
            needed = requirements(ctx, call, unknownNested);
        } catch (RuntimeException ex) {
            ctx.report(Diagnostic.error(DiagnosticCode.PLUGIN_FAILURE, entry.value().span(),
                    "trainer '" + call.name() + "' failed while stating what it needs: " + ex, "plugin failed here")
                    .note("contributed by " + ctx.catalog().trainers().sourceOf(call.name()).orElse("a plugin")));
            return;
        }
        for (String u : unknownNested)
            ctx.reportUnknown("trainer", u, spanOfCallee(entry.value(), u).orElse(entry.value().span()), ctx.catalog().trainers().names());
        Optional<Value> on = ctx.value(TrainingPlan.ON);
        if (on.isEmpty() || !(on.get() instanceof Value.Sym profileName)) return;
        Optional<HardwareProfile> profile = ctx.profile(profileName.name());
        if (profile.isEmpty()) return;
        Optional<Backend> backend = ctx.catalog().backends().find(profile.get().backend());
        if (backend.isEmpty()) return;
        Set<Capability> provided = Capability.closure(backend.get().capabilities());
        List<Capability> missing = needed.stream().filter(c -> !provided.contains(c)).sorted(ORDER).toList();
        if (missing.isEmpty()) return;
        String caps = missing.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        String b = backend.get().name();
        List<String> working = new ArrayList<>();
        for (TrainerFactory t : ctx.catalog().trainers().all()) {
            try {
                if (provided.containsAll(defaultRequirements(ctx, t))) working.add(t.name());
            } catch (RuntimeException ignored) {
                // a trainer that cannot state its needs is not recommended
            }
        }
        ctx.report(Diagnostic.error(DiagnosticCode.CAPABILITY_MISMATCH, entry.value().span(),
                        "trainer '" + call.name() + "' needs " + (missing.size() == 1 ? "capability " : "capabilities ") + caps
                                + " that backend '" + b + "' does not provide",
                        "needs " + missing.stream().map(Capability::id).collect(Collectors.joining(", ")))
                .note(b + " provides " + describe(backend.get().capabilities()))
                .help(working.isEmpty() ? "no loaded trainer works on " + b : "trainers that work here: " + String.join(", ", working)));
    }

    private static Set<Capability> requirements(PlanContext ctx, Value.Call call, Set<String> unknown) {
        Optional<TrainerFactory> f = ctx.catalog().trainers().find(call.name());
        if (f.isEmpty()) {
            unknown.add(call.name());
            return Set.of();
        }
        Function<Value.Call, Set<Capability>> nested = c -> requirements(ctx, c, unknown);
        return f.get().requires(Args.of(call), nested);
    }

    /** What a trainer needs with its default arguments (a wrapper without a default base: its own needs). */
    private static Set<Capability> defaultRequirements(PlanContext ctx, TrainerFactory t) {
        Map<String, Value> defaults = new LinkedHashMap<>();
        for (ArgSpec a : t.args()) if (!a.required()) defaults.put(a.name(), a.fallback());
        if (t.args().stream().anyMatch(ArgSpec::required)) return t.requires();
        return t.requires(new Args(t.name(), defaults), c -> ctx.catalog().trainers().find(c.name())
                .map(TrainerFactory::requires).orElse(Set.of()));
    }

    private static Optional<Span> spanOfCallee(Expr e, String name) {
        if (e instanceof Expr.Call c) {
            for (Arg a : c.args()) {
                if (a.value() instanceof Expr.Name n && n.name().equals(name)) return Optional.of(n.span());
                if (a.value() instanceof Expr.Call inner) {
                    if (inner.callee().name().equals(name)) return Optional.of(inner.callee().span());
                    Optional<Span> deeper = spanOfCallee(inner, name);
                    if (deeper.isPresent()) return deeper;
                }
            }
        }
        return Optional.empty();
    }

    static final Comparator<Capability> ORDER = Comparator
            .comparingInt((Capability c) -> WELL_KNOWN.contains(c) ? WELL_KNOWN.indexOf(c) : WELL_KNOWN.size())
            .thenComparing(Capability::id);

    /** Capabilities in a stable, readable order: forward, twin, layers, noise, ..., then plugin ones. */
    static String describe(Set<Capability> caps) {
        if (caps.isEmpty()) return "no capabilities";
        return caps.stream().sorted(ORDER).map(Capability::id).collect(Collectors.joining(", "));
    }

    private static String firstOr(java.util.Collection<String> names, String fallback) {
        return names.isEmpty() ? fallback : names.iterator().next();
    }
}
