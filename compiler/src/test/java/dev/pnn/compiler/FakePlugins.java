package dev.pnn.compiler;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.SettingSpec;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Dimension;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.Optimizer;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Test-local plugins that declare the brief's block conventions (signatures and shapes only; nothing runs), plus
 * fakes for capability tests: a trainer {@code ep} needing {@code pnn.energy}, a backend {@code energy_sim}.
 */
final class FakePlugins {
    private FakePlugins() {
    }

    static Catalog catalog() {
        return Catalog.of(List.of(photonics(), training()));
    }

    static final Set<String> PHOTONIC_BLOCKS = Set.of("modulate", "clements", "reck", "photodetect", "take", "gain",
            "linear", "bias", "relu", "tanh");

    record Block(String name, String module, List<Domain> inputs, Domain output, List<ArgSpec> args,
                 BiFunction<List<ValueType>, Args, Shaping> shaper) implements BlockType {
        @Override
        public Shaping shape(List<ValueType> in, Args a) {
            return shaper.apply(in, a);
        }
    }

    static PnnPlugin photonics() {
        List<BlockType> blocks = List.of(
                new Block("modulate", "photonics", List.of(Domain.REAL), Domain.FIELD,
                        List.of(ArgSpec.symbol("mode", "amplitude", List.of("amplitude", "phase"), "encoding")),
                        (in, a) -> Shaping.Ok.of(in.get(0).width())),
                new Block("clements", "photonics", List.of(Domain.FIELD), Domain.FIELD,
                        List.of(ArgSpec.integer("modes", 0, "modes; 0 means the input width")), (in, a) -> {
                    int n = in.get(0).width(), m = a.integer("modes", 0);
                    if (m != 0 && m != n)
                        return new Shaping.Mismatch("clements with modes: " + m + " needs a field[" + m + "] input, got field[" + n + "]", "modes");
                    return Shaping.Ok.of(n, ParamSpec.phases("phases", n * n));
                }),
                new Block("reck", "photonics", List.of(Domain.FIELD), Domain.FIELD, List.of(),
                        (in, a) -> Shaping.Ok.of(in.get(0).width(), ParamSpec.phases("phases", in.get(0).width() * in.get(0).width()))),
                new Block("photodetect", "photonics", List.of(Domain.FIELD), Domain.REAL, List.of(),
                        (in, a) -> Shaping.Ok.of(in.get(0).width())),
                new Block("take", "core", List.of(Domain.REAL), Domain.REAL, List.of(ArgSpec.range("indices", "which entries")), (in, a) -> {
                    Value.Range r = a.range("indices");
                    int n = in.get(0).width();
                    if (r.to() >= n)
                        return new Shaping.Mismatch("take(" + r + ") needs real[" + (r.to() + 1) + "] or wider, got real[" + n + "]", "indices");
                    return Shaping.Ok.of(r.length());
                }),
                new Block("gain", "core", List.of(Domain.REAL), Domain.REAL, List.of(ArgSpec.number("init", 1.0, "initial gain")),
                        (in, a) -> Shaping.Ok.of(in.get(0).width(), new ParamSpec("gamma", List.of(1), null,
                                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, new Init.Constant(a.number("init"))))),
                new Block("linear", "core", List.of(Domain.REAL), Domain.REAL,
                        List.of(ArgSpec.integer("out", null, "outputs"), ArgSpec.bool("bias", true, "with bias")), (in, a) -> {
                    int n = in.get(0).width(), out = a.integer("out");
                    if (out < 1) return new Shaping.Mismatch("linear needs out ≥ 1, got " + out, "out");
                    ParamSpec w = ParamSpec.weights("weight", List.of(out, n), new Init.Normal(0, 1.0 / Math.sqrt(n)));
                    return a.bool("bias", true) ? Shaping.Ok.of(out, w, ParamSpec.weights("bias", List.of(out), new Init.Constant(0)))
                            : Shaping.Ok.of(out, w);
                }),
                new Block("bias", "core", List.of(Domain.REAL), Domain.REAL, List.of(),
                        (in, a) -> Shaping.Ok.of(in.get(0).width(), ParamSpec.weights("b", List.of(in.get(0).width()), new Init.Constant(0)))),
                new Block("relu", "core", List.of(Domain.REAL), Domain.REAL, List.of(), (in, a) -> Shaping.Ok.of(in.get(0).width())),
                new Block("tanh", "core", List.of(Domain.REAL), Domain.REAL, List.of(), (in, a) -> Shaping.Ok.of(in.get(0).width())));
        Backend sim = new FakeBackend("photonic_sim", orderedSet(Capability.FORWARD, Capability.TWIN, Capability.LAYERS, Capability.NOISE),
                PHOTONIC_BLOCKS, List.of(
                SettingSpec.noise("phase_error", List.of("static"), "phase-shifter error"),
                SettingSpec.noise("splitter_error", List.of("static"), "coupler error"),
                SettingSpec.noise("crosstalk", List.of("crosstalk"), "thermal crosstalk"),
                SettingSpec.noise("detector", List.of("signal"), "detector noise"),
                SettingSpec.plain(ArgSpec.quantity("wavelength", Dimension.LENGTH, new Value.Num(1550, Unit.NM), "carrier wavelength"))));
        Backend energy = new FakeBackend("energy_sim", orderedSet(Capability.FORWARD, Capability.ENERGY), Set.of("linear", "relu"), List.of());
        return new PnnPlugin() {
            @Override
            public String name() {
                return "fake-photonics";
            }

            @Override
            public List<BlockType> blocks() {
                return blocks;
            }

            @Override
            public List<Backend> backends() {
                return List.of(sim, energy);
            }

            @Override
            public List<NoiseModelFactory> noiseModels() {
                return List.of(new Noise("gaussian", List.of(ArgSpec.quantity("sigma", Dimension.ANGLE, null, "std")), Set.of("static")),
                        new Noise("thermal", List.of(ArgSpec.number("coupling", null, "coupling")), Set.of("crosstalk")),
                        new Noise("shot_noise", List.of(ArgSpec.number("photons", null, "photons per sample")), Set.of("signal")),
                        new Noise("adc", List.of(ArgSpec.integer("bits", null, "resolution")), Set.of("signal")));
            }
        };
    }

    static PnnPlugin training() {
        return new PnnPlugin() {
            @Override
            public String name() {
                return "fake-training";
            }

            @Override
            public List<TrainerFactory> trainers() {
                return List.of(
                        new FakeTrainer("backprop", Set.of(Capability.TWIN), TrainerKind.EXACT_GRADIENT, List.of(), null),
                        new FakeTrainer("pat", Set.of(Capability.FORWARD, Capability.TWIN), TrainerKind.EXACT_GRADIENT, List.of(), null),
                        new FakeTrainer("sat", Set.of(), TrainerKind.EXACT_GRADIENT,
                                List.of(ArgSpec.number("rho", 0.05, "radius"), ArgSpec.call("base", new Value.Sym("backprop"), "base trainer")),
                                (args, nested) -> nested.apply(args.call("base"))),
                        new FakeTrainer("ep", Set.of(Capability.ENERGY), TrainerKind.DIRECT_UPDATE,
                                List.of(ArgSpec.number("beta", 0.1, "nudge")), null),
                        new FakeTrainer("spsa", Set.of(Capability.FORWARD), TrainerKind.UNBIASED_ESTIMATE, List.of(), null));
            }

            @Override
            public List<OptimizerFactory> optimizers() {
                return List.of(new FakeOptimizer("adam", List.of(ArgSpec.number("lr", 0.001, "step"), ArgSpec.integer("halve_every", 0, "epochs"))),
                        new FakeOptimizer("sgd", List.of(ArgSpec.number("lr", 0.01, "step"), ArgSpec.number("momentum", 0.0, "momentum"))));
            }

            @Override
            public List<LossFactory> losses() {
                return List.of(new FakeLoss("cross_entropy", true), new FakeLoss("mse", false));
            }

            @Override
            public List<DatasetFactory> datasets() {
                return List.of(new FakeDataset("digits8x8", List.of(ArgSpec.string("path", null, "csv.gz file"),
                        ArgSpec.quantity("test", Dimension.FRACTION, new Value.Num(20, Unit.PERCENT), "test share"),
                        ArgSpec.integer("seed", 0, "split seed"))));
            }
        };
    }

    @SafeVarargs
    static <T> Set<T> orderedSet(T... items) {
        return new LinkedHashSet<>(List.of(items));
    }

    record FakeBackend(String name, Set<Capability> capabilities, Set<String> blocks, List<SettingSpec> settings) implements Backend {
        @Override
        public Device open(DeviceRequest request) {
            throw new UnsupportedOperationException("compile-time fake");
        }
    }

    record FakeTrainer(String name, Set<Capability> requires, TrainerKind kind, List<ArgSpec> args,
                       BiFunction<Args, Function<Value.Call, Set<Capability>>, Set<Capability>> wrapper) implements TrainerFactory {
        @Override
        public Trainer create(Args args, TrainerContext context) {
            throw new UnsupportedOperationException("compile-time fake");
        }

        @Override
        public Set<Capability> requires(Args args, Function<Value.Call, Set<Capability>> nested) {
            return wrapper == null ? requires : wrapper.apply(args, nested);
        }
    }

    record FakeOptimizer(String name, List<ArgSpec> args) implements OptimizerFactory {
        @Override
        public Optimizer create(Args args, List<ParamSlice> layout, int paramCount) {
            throw new UnsupportedOperationException("compile-time fake");
        }
    }

    record FakeLoss(String name, boolean needsLabels) implements LossFactory {
        @Override
        public Loss create(Args args) {
            throw new UnsupportedOperationException("compile-time fake");
        }
    }

    record FakeDataset(String name, List<ArgSpec> args) implements DatasetFactory {
        @Override
        public DataSplit load(Args args, Path baseDir) {
            throw new UnsupportedOperationException("compile-time fake");
        }
    }

    record Noise(String name, List<ArgSpec> args, Set<String> roles) implements NoiseModelFactory {
        @Override
        public NoiseModel create(Args args) {
            throw new UnsupportedOperationException("compile-time fake");
        }
    }
}
