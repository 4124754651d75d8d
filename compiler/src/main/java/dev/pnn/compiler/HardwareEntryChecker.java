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
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code on = ideal;} (where updates are computed) and {@code evaluate = lab_chip;} or
 * {@code evaluate = monte_carlo(lab_chip, devices: 20, seed: 7);}. Each named profile must exist and its
 * backend must run every block of the plan's network. In the IR, {@code on} is a {@link Value.Sym} and a
 * Monte Carlo evaluation is {@code monte_carlo(profile: <sym>, devices: M, seed: S)}.
 */
final class HardwareEntryChecker implements PlanEntryChecker {
    static final String MONTE_CARLO = "monte_carlo";
    static final List<ArgSpec> MONTE_CARLO_ARGS = List.of(
            ArgSpec.symbol("profile", null, List.of(), "hardware profile whose device instances are sampled"),
            ArgSpec.integer("devices", null, "number of device instances"),
            ArgSpec.integer("seed", 0, "seed of the first device; device i uses derive(seed, i)"));

    @Override
    public Set<String> keys() {
        return PlanChecker.ordered(TrainingPlan.ON, TrainingPlan.EVALUATE);
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of(TrainingPlan.ON);
    }

    @Override
    public Optional<Value> check(PlanContext ctx, Setting entry) {
        Expr e = entry.value();
        boolean evaluate = entry.key().name().equals(TrainingPlan.EVALUATE);
        if (e instanceof Expr.Name n) return profileRef(ctx, n.name(), n.span()).map(p -> new Value.Sym(p.name()));
        if (evaluate && e instanceof Expr.Call c) {
            if (!c.callee().name().equals(MONTE_CARLO)) {
                ctx.reportUnknown("evaluator", c.callee().name(), c.callee().span(), List.of(MONTE_CARLO));
                return Optional.empty();
            }
            return monteCarlo(ctx, c);
        }
        ctx.report(Diagnostic.error(DiagnosticCode.INVALID_PLAN_ENTRY, e.span(),
                "'" + entry.key().name() + "' takes a hardware profile name" + (evaluate ? " or monte_carlo(profile, devices: N)" : "")
                        + ", found " + ArgBinder.describe(e), "expected a profile")
                .note("profiles: " + (ctx.profileNames().isEmpty() ? "(none declared)" : String.join(", ", ctx.profileNames()))));
        return Optional.empty();
    }

    private Optional<Value> monteCarlo(PlanContext ctx, Expr.Call c) {
        Optional<Value.Call> bound = ctx.bindCall("evaluator 'monte_carlo'", MONTE_CARLO_ARGS, c, false);
        if (bound.isEmpty()) return Optional.empty();
        Value.Call call = bound.get();
        Span profileSpan = c.args().stream().filter(a -> !a.named() || a.name().get().name().equals("profile"))
                .findFirst().map(Arg::span).orElse(c.span());
        String name = ((Value.Sym) call.named().get("profile")).name();
        Optional<HardwareProfile> p = profileRef(ctx, name, profileSpan);
        if (p.isEmpty()) return Optional.empty();
        double devices = ((Value.Num) call.named().get("devices")).value();
        if (devices < 1) {
            ctx.report(Diagnostic.error(DiagnosticCode.INVALID_ARGUMENT_VALUE, c.span(),
                    "monte_carlo needs at least one device, found devices: " + (long) devices, "no devices"));
            return Optional.empty();
        }
        Backend b = ctx.catalog().backends().find(p.get().backend()).orElseThrow();
        if (!Capability.closure(b.capabilities()).contains(Capability.NOISE)) {
            ctx.report(Diagnostic.error(DiagnosticCode.NOISE_NOT_SUPPORTED, profileSpan,
                            "monte_carlo samples device instances, but backend '" + b.name() + "' of profile '" + name
                                    + "' does not provide " + Capability.NOISE, "needs " + Capability.NOISE)
                    .note(b.name() + " provides " + TrainerEntryChecker.describe(b.capabilities()))
                    .help("evaluate on the profile directly: `evaluate = " + name + ";`"));
            return Optional.empty();
        }
        return Optional.of(call);
    }

    private Optional<HardwareProfile> profileRef(PlanContext ctx, String name, Span span) {
        Optional<HardwareProfile> p = ctx.profile(name);
        if (p.isPresent()) {
            checkBlocks(ctx, p.get(), span);
            return p;
        }
        if (ctx.isBrokenProfile(name)) return Optional.empty();
        Optional<String> why = ctx.unavailableProfile(name);
        if (why.isPresent()) {
            ctx.report(Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, span, "profile '" + name + "' cannot be used: " + why.get(),
                    "unavailable profile"));
            return Optional.empty();
        }
        if (ctx.networkNames().contains(name)) {
            ctx.report(Diagnostic.error(DiagnosticCode.WRONG_KIND_OF_NAME, span, "'" + name + "' is a network, not a hardware profile",
                    "a network").help("declare a profile: `hardware <name> = <backend>;`"));
            return Optional.empty();
        }
        ctx.reportUnknown("hardware profile", name, span, ctx.profileNames());
        return Optional.empty();
    }

    /** Every block of the plan's network must be runnable by the profile's backend. */
    private void checkBlocks(PlanContext ctx, HardwareProfile profile, Span span) {
        Optional<Graph> g = ctx.network();
        Optional<Backend> b = ctx.catalog().backends().find(profile.backend());
        if (g.isEmpty() || b.isEmpty()) return;
        Set<String> runnable = b.get().blocks();
        Map<String, List<Node>> missing = new LinkedHashMap<>();
        for (Node n : g.get().nodes())
            if (!n.isInput() && !runnable.contains(n.op())) missing.computeIfAbsent(n.op(), k -> new ArrayList<>()).add(n);
        for (Map.Entry<String, List<Node>> m : missing.entrySet()) {
            Node first = m.getValue().get(0);
            List<String> others = new ArrayList<>();
            for (Backend other : ctx.catalog().backends().all())
                if (other.blocks().contains(m.getKey())) others.add(other.name());
            Diagnostic d = Diagnostic.error(DiagnosticCode.BLOCK_NOT_SUPPORTED, span,
                            "backend '" + b.get().name() + "' of profile '" + profile.name() + "' cannot run block '" + m.getKey()
                                    + "' used by network '" + g.get().name() + "'", "cannot run " + m.getKey())
                    .note("'" + m.getKey() + "' is used at line " + first.loc().line() + ":" + first.loc().column());
            d = others.isEmpty() ? d.help("no loaded backend runs '" + m.getKey() + "'")
                    : d.help("backends that run '" + m.getKey() + "': " + String.join(", ", others));
            ctx.report(d);
        }
    }
}
