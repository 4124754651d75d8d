package dev.pnn.runtime.eval;

import dev.pnn.runtime.NoiseResolver;
import dev.pnn.runtime.PlanParts;
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
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;

import java.nio.file.Path;
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
    private final PlanParts parts;
    private final Graph graph;
    private final DataSplit data;
    private final LossFactory lossFactory;
    private final Value.Call lossCall;

    private PlanSetup(Catalog catalog, Program program, TrainingPlan plan, Path baseDir) {
        this.catalog = catalog;
        this.program = program;
        this.plan = plan;
        this.parts = new PlanParts(catalog, plan);
        this.graph = parts.graph(program);
        this.lossCall = parts.call(TrainingPlan.LOSS);
        this.lossFactory = parts.lookup(catalog.losses(), TrainingPlan.LOSS, lossCall.name());
        Value.Call dataCall = parts.call(TrainingPlan.DATA);
        DatasetFactory datasets = parts.lookup(catalog.datasets(), TrainingPlan.DATA, dataCall.name());
        this.data = datasets.load(PlanParts.datasetArgs(dataCall), baseDir);
    }

    /** @param planName empty picks the only plan of the program */
    public static PlanSetup of(Catalog catalog, Program program, Optional<String> planName, Path baseDir) {
        return new PlanSetup(catalog, program, PlanParts.select(program, planName), baseDir);
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
        return parts.seed();
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
        return parts.trainingProfile(program);
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
        return new NoiseResolver(catalog, where);
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
