package dev.pnn.runtime.eval;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What evaluating a trained plan needs, resolved from a compiled program: the network, the data split, the loss,
 * backends and noise models of profiles, the plan's {@code evaluate = monte_carlo(...)} entry, and an exact
 * gradient (backprop on the ideal device) for the sharpness metric. Used by {@code pnn eval} and the sweep.
 */
public final class PlanSetup {
    /** {@code monte_carlo(profile, devices: M, seed: S)} as written in a plan. */
    public record MonteCarloEntry(String profile, int devices, long seed) {
    }

    private final Catalog catalog;
    private final Program program;
    private final TrainingPlan plan;
    private final Graph graph;
    private final DataSplit data;
    private final LossFactory lossFactory;
    private final Value.Call lossCall;

    private PlanSetup(Catalog catalog, Program program, TrainingPlan plan, Path baseDir) {
        this.catalog = catalog;
        this.program = program;
        this.plan = plan;
        this.graph = program.graph(plan.network()).orElseThrow(() -> new PnnException(
                "plan '" + plan.name() + "' trains network '" + plan.network() + "', which the file does not define",
                plan.loc(), "define 'network " + plan.network() + " { ... }'"));
        this.lossCall = plan.callEntry(TrainingPlan.LOSS).orElseThrow(() -> new PnnException(
                "plan '" + plan.name() + "' has no loss", plan.loc(), "add 'loss = cross_entropy;'"));
        this.lossFactory = catalog.losses().find(lossCall.name()).orElseThrow(() -> new PnnException(
                "unknown loss '" + lossCall.name() + "'", plan.locOf(TrainingPlan.LOSS),
                "available: " + String.join(", ", catalog.losses().names())));
        this.data = load(catalog, plan, baseDir);
    }

    /** @param planName empty picks the only plan of the program */
    public static PlanSetup of(Catalog catalog, Program program, Optional<String> planName, Path baseDir) {
        TrainingPlan plan;
        if (planName.isPresent()) {
            plan = program.plan(planName.get()).orElseThrow(() -> new PnnException(
                    "no training plan named '" + planName.get() + "'", "plans in this file: " + planNames(program)));
        } else if (program.plans().size() == 1) {
            plan = program.plans().get(0);
        } else {
            throw new PnnException(program.plans().isEmpty() ? "the file has no training plan"
                    : "the file has " + program.plans().size() + " training plans",
                    program.plans().isEmpty() ? "add a 'train <Network> { ... }' block" : "choose one with --plan: " + planNames(program));
        }
        return new PlanSetup(catalog, program, plan, baseDir);
    }

    private static String planNames(Program program) {
        return String.join(", ", program.plans().stream().map(TrainingPlan::name).toList());
    }

    private static DataSplit load(Catalog catalog, TrainingPlan plan, Path baseDir) {
        Value.Call call = plan.callEntry(TrainingPlan.DATA).orElseThrow(() -> new PnnException(
                "plan '" + plan.name() + "' has no data set", plan.loc(), "add 'data = ...;'"));
        DatasetFactory f = catalog.datasets().find(call.name()).orElseThrow(() -> new PnnException(
                "unknown data set '" + call.name() + "'", plan.locOf(TrainingPlan.DATA),
                "available: " + String.join(", ", catalog.datasets().names())));
        Args args = Args.of(call);
        if (!call.positional().isEmpty() && !call.named().containsKey("path") && call.positional().get(0) instanceof Value.Str) {
            Map<String, Value> named = new LinkedHashMap<>();
            named.put("path", call.positional().get(0));
            named.putAll(call.named());
            args = new Args(call.name(), named);
        }
        return f.load(args, baseDir);
    }

    public TrainingPlan plan() {
        return plan;
    }

    public Graph graph() {
        return graph;
    }

    public DataSplit data() {
        return data;
    }

    public Catalog catalog() {
        return catalog;
    }

    public long planSeed() {
        return plan.longEntry(TrainingPlan.SEED, 0);
    }

    public Loss newLoss() {
        return lossFactory.create(Args.of(lossCall));
    }

    public HardwareProfile profile(String name) {
        return program.profile(name).orElseThrow(() -> new PnnException("unknown hardware profile '" + name + "'",
                "profiles in this file: " + String.join(", ", program.profiles().stream().map(HardwareProfile::name).toList())));
    }

    /** The profile the plan trains on ({@code on = ...}). */
    public HardwareProfile trainingProfile() {
        Value on = plan.entry(TrainingPlan.ON).orElseThrow(() -> new PnnException(
                "plan '" + plan.name() + "' does not say which hardware it trains on", plan.loc(), "add 'on = <profile>;'"));
        return profile(on instanceof Value.Sym s ? s.name() : on.toString());
    }

    public Backend backend(HardwareProfile p) {
        return catalog.backends().find(p.backend()).orElseThrow(() -> new PnnException(
                "unknown backend '" + p.backend() + "' of profile '" + p.name() + "'", p.loc(),
                "available: " + String.join(", ", catalog.backends().names())));
    }

    /** The plan's {@code evaluate = monte_carlo(...)} entry, if it has one. */
    public Optional<MonteCarloEntry> monteCarloEntry() {
        Optional<Value> v = plan.entry(TrainingPlan.EVALUATE);
        if (v.isEmpty() || !(v.get() instanceof Value.Call c) || !c.name().equals("monte_carlo")) return Optional.empty();
        Args a = Args.of(c);
        return Optional.of(new MonteCarloEntry(a.symbol("profile"), a.integer("devices"), (long) a.number("seed", 0)));
    }

    /** Resolves a profile's noise values through the catalog ({@code a + b} gives both, in order). */
    public Function<Value, List<NoiseModel>> noise(Loc where) {
        return v -> {
            List<NoiseModel> out = new ArrayList<>();
            collect(v, out, where);
            return out;
        };
    }

    private void collect(Value v, List<NoiseModel> out, Loc where) {
        if (v instanceof Value.Op op && op.operator().equals("+")) {
            for (Value part : op.flatten()) collect(part, out, where);
            return;
        }
        if (!(v instanceof Value.Call) && !(v instanceof Value.Sym))
            throw new PnnException("'" + v + "' is not a noise model", where, "write e.g. gaussian(sigma: 0.05 rad)");
        Value.Call call = TrainingPlan.asCall(v);
        NoiseModelFactory f = catalog.noiseModels().find(call.name()).orElseThrow(() -> new PnnException(
                "unknown noise model '" + call.name() + "'", where,
                "noise models available: " + String.join(", ", catalog.noiseModels().names())));
        Map<String, Value> named = new LinkedHashMap<>();
        f.args().forEach(a -> {
            if (a.fallback() != null) named.put(a.name(), a.fallback());
        });
        named.putAll(call.named());
        out.add(f.create(new Args(call.name(), named)));
    }

    /** Monte Carlo over instances of {@code profile}, scoring the plan's test set with the plan's loss. */
    public MonteCarlo monteCarlo(HardwareProfile profile) {
        return new MonteCarlo(backend(profile), graph, noise(profile.loc()), newLoss(), data.test());
    }

    /**
     * λ_max at θ (§5, §15): backprop on the ideal device of the training backend, over a fixed subset of
     * {@code samples} training examples chosen with {@code derive(planSeed, "sharpness")}.
     */
    public Sharpness.Result sharpness(double[] theta, int samples, Sharpness.Options options) {
        HardwareProfile train = trainingProfile();
        HardwareProfile ideal = new HardwareProfile(train.backend(), train.backend(), Map.of(), train.loc());
        TrainerFactory backprop = catalog.trainers().find("backprop").orElseThrow(() -> new PnnException(
                "the sharpness metric needs the 'backprop' trainer for exact gradients, and no plugin provides it",
                "put the trainer-backprop plugin on the class path"));
        long seed = Seeds.derive(planSeed(), "sharpness");
        try (Device device = backend(ideal).open(new DeviceRequest(graph, ideal, seed, noise(ideal.loc())))) {
            Loss loss = newLoss();
            TrainerContext ctx = new TrainerContext() {
                @Override
                public Graph graph() {
                    return graph;
                }

                @Override
                public Device device() {
                    return device;
                }

                @Override
                public Optional<Device> twin() {
                    return Optional.empty();
                }

                @Override
                public Loss loss() {
                    return loss;
                }

                @Override
                public long seed() {
                    return seed;
                }

                @Override
                public Trainer nested(Value.Call call) {
                    throw new PnnException("the sharpness metric runs backprop alone", "nothing to do");
                }
            };
            Trainer t = backprop.create(new Args("backprop", Map.of()), ctx);
            return Sharpness.lambdaMax((GradientTrainer) t, theta, Sharpness.subset(data.train(), samples, seed),
                    plan.intEntry(TrainingPlan.BATCH, 64), options);
        }
    }
}
