package dev.pnn.runtime;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.Named;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Registry;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one plan's entries and looks up what they name, with errors that point at the plan line. The compiler
 * has already checked all of this; these checks only catch a catalog that changed since (another plugin set).
 * Training ({@code SessionSetup}) and evaluation ({@code eval.PlanSetup}) both resolve plans through it, hence
 * public.
 */
public final class PlanParts {
    private final Catalog catalog;
    private final TrainingPlan plan;

    public PlanParts(Catalog catalog, TrainingPlan plan) {
        this.catalog = catalog;
        this.plan = plan;
    }

    public static TrainingPlan select(Program program, Optional<String> name) {
        if (name.isPresent()) {
            return program.plan(name.get()).orElseThrow(() -> new PnnException(
                    "no training plan named '" + name.get() + "'",
                    program.plans().isEmpty() ? "the file has no 'train' block"
                            : "plans in this file: " + String.join(", ", program.plans().stream().map(TrainingPlan::name).toList())));
        }
        if (program.plans().isEmpty())
            throw new PnnException("the file has no training plan", "add a 'train <Network> { ... }' block");
        if (program.plans().size() > 1)
            throw new PnnException("the file has " + program.plans().size() + " training plans",
                    "choose one with --plan: " + String.join(", ", program.plans().stream().map(TrainingPlan::name).toList()));
        return program.plans().get(0);
    }

    /** The network the plan trains. */
    public Graph graph(Program program) {
        return program.graph(plan.network()).orElseThrow(() -> new PnnException(
                "training plan '" + plan.name() + "' trains network '" + plan.network() + "', which the file does not define",
                plan.loc(), "define 'network " + plan.network() + " { ... }'"));
    }

    /** The hardware profile the plan trains on ({@code on = ...}). */
    public HardwareProfile trainingProfile(Program program) {
        Optional<Value> on = plan.entry(TrainingPlan.ON);
        if (on.isEmpty())
            throw new PnnException("training plan '" + plan.name() + "' does not say which hardware to train on",
                    plan.loc(), "add 'on = <profile>;' naming a hardware profile");
        String name = on.get() instanceof Value.Sym s ? s.name() : on.get() instanceof Value.Str s ? s.value() : on.get().toString();
        return program.profile(name).orElseThrow(() -> new PnnException("unknown hardware profile '" + name + "'",
                plan.locOf(TrainingPlan.ON), "profiles in this file: "
                                             + String.join(", ", program.profiles().stream().map(HardwareProfile::name).toList())));
    }

    public Value.Call call(String key) {
        return plan.callEntry(key).orElseThrow(() -> new PnnException(
                "training plan '" + plan.name() + "' has no '" + key + " = ...' entry", plan.loc(),
                "add it to the train block"));
    }

    public Optional<Value.Call> optionalCall(String key) {
        return plan.callEntry(key);
    }

    Loc loc(String key) {
        return plan.locOf(key);
    }

    public <T extends Named> T lookup(Registry<T> registry, String key, String name) {
        return registry.find(name).orElseThrow(() -> new PnnException(
                "unknown " + registry.kind() + " '" + name + "'", plan.locOf(key),
                registry.names().isEmpty() ? "no plugin provides a " + registry.kind()
                        : "available: " + String.join(", ", registry.names())));
    }

    int positiveInt(String key, int fallback) {
        Optional<Value> v = plan.entry(key);
        if (v.isEmpty()) return fallback;
        if (v.get() instanceof Value.Num n && n.isInteger() && n.value() > 0) return (int) n.value();
        throw new PnnException("'" + key + "' must be a positive whole number, got " + v.get(), plan.locOf(key),
                "write for example " + key + " = " + fallback + ";");
    }

    public long seed() {
        Optional<Value> v = plan.entry(TrainingPlan.SEED);
        if (v.isEmpty()) return 0;
        if (v.get() instanceof Value.Num n && n.isInteger()) return (long) n.value();
        throw new PnnException("'seed' must be a whole number, got " + v.get(), plan.locOf(TrainingPlan.SEED),
                "write for example seed = 0;");
    }

    /** Arguments of a dataset call: a leading positional string is the {@code path}. */
    public static Args datasetArgs(Value.Call call) {
        if (call.positional().isEmpty() || call.named().containsKey("path")) return Args.of(call);
        Map<String, Value> named = new LinkedHashMap<>();
        if (call.positional().get(0) instanceof Value.Str) named.put("path", call.positional().get(0));
        named.putAll(call.named());
        return new Args(call.name(), named);
    }

    Catalog catalog() {
        return catalog;
    }
}
