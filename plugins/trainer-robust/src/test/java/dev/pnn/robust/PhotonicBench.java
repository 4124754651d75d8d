package dev.pnn.robust;

import dev.pnn.backprop.BackpropPlugin;
import dev.pnn.noise.StandardNoisePlugin;
import dev.pnn.photonic.PhotonicSimPlugin;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real plugins wired by hand (no runtime): the photonic simulator, backprop and its losses, the standard noise
 * models. Builds the small MZI classifier {@code input → modulate → clements → photodetect → take → gain}, opens
 * devices from profiles, and hands trainers a context.
 */
final class PhotonicBench {
    final Catalog catalog = Catalog.of(List.of(new PhotonicSimPlugin(), new BackpropPlugin(),
            new StandardNoisePlugin(), new RobustTrainersPlugin()));
    final Backend backend = catalog.backends().find("photonic_sim").orElseThrow();
    final Graph graph;
    final int modes, classes;

    PhotonicBench(int modes, int classes) {
        this.modes = modes;
        this.classes = classes;
        List<Node> nodes = new ArrayList<>();
        int[] offset = {0};
        nodes.add(new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(modes), List.of(), Loc.NONE));
        add(nodes, offset, "signal", "modulate", "x", Map.of());
        add(nodes, offset, "mixed", "clements", "signal", Map.of());
        add(nodes, offset, "power", "photodetect", "mixed", Map.of());
        add(nodes, offset, "logits/take", "take", "power", Map.of("indices", new Value.Range(0, classes - 1)));
        add(nodes, offset, "logits", "gain", "logits/take", Map.of("init", new Value.Num(5)));
        graph = new Graph("Mzi", nodes, "logits", Loc.NONE);
    }

    private void add(List<Node> nodes, int[] offset, String id, String op, String input, Map<String, Value> given) {
        BlockType block = catalog.blocks().find(op).orElseThrow();
        Map<String, Value> attrs = new LinkedHashMap<>(given);
        for (ArgSpec a : block.args()) if (!attrs.containsKey(a.name()) && a.fallback() != null) attrs.put(a.name(), a.fallback());
        ValueType in = nodes.stream().filter(n -> n.id().equals(input)).findFirst().orElseThrow().type();
        Shaping.Ok ok = (Shaping.Ok) block.shape(List.of(in), new Args(op, attrs));
        List<ParamSlice> slices = new ArrayList<>();
        for (ParamSpec p : ok.params()) {
            slices.add(new ParamSlice(id + "." + p.name(), offset[0], p.length(), p.shape(), p.unit(), p.lower(),
                    p.upper(), p.periodic(), p.init()));
            offset[0] += p.length();
        }
        nodes.add(new Node(id, op, List.of(input), attrs, new ValueType(block.output(), ok.width()), slices, Loc.NONE));
    }

    /** Random phases in [0, 2π), gain 5. */
    double[] theta(long seed) {
        Rng r = new Rng(seed);
        double[] t = new double[graph.paramCount()];
        for (int i = 0; i < t.length; i++) t[i] = 2 * Math.PI * r.nextDouble();
        t[t.length - 1] = 5;
        return t;
    }

    /** Inputs uniform in [0, 1) (pixel-like amplitudes), random labels. */
    Batch batch(int rows, long seed) {
        Rng r = new Rng(seed);
        Batch b = Batch.allocate(rows, modes, true, 0);
        for (int i = 0; i < rows * modes; i++) b.inputs().re[i] = r.nextDouble();
        for (int i = 0; i < rows; i++) b.labels()[i] = r.nextInt(classes);
        return b;
    }

    static HardwareProfile profile(String name, Map<String, Value> settings) {
        return new HardwareProfile(name, "photonic_sim", settings, Loc.NONE);
    }

    static HardwareProfile ideal() {
        return profile("ideal", Map.of());
    }

    static Value call(String name, Object... kv) {
        Map<String, Value> named = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2)
            named.put((String) kv[i], kv[i + 1] instanceof Value v ? v : new Value.Num(((Number) kv[i + 1]).doubleValue()));
        return new Value.Call(name, List.of(), named);
    }

    static Value sum(Value... parts) {
        return new Value.Op("+", List.of(parts));
    }

    /** Resolves noise values the way the runtime does: calls (or sums of calls) through the catalog, defaults filled. */
    List<NoiseModel> resolve(Value v) {
        List<NoiseModel> out = new ArrayList<>();
        if (v instanceof Value.Op op) {
            for (Value part : op.flatten()) out.addAll(resolve(part));
            return out;
        }
        Value.Call c = TrainingPlan.asCall(v);
        NoiseModelFactory f = catalog.noiseModels().find(c.name()).orElseThrow();
        Map<String, Value> named = new LinkedHashMap<>();
        for (ArgSpec a : f.args()) if (a.fallback() != null) named.put(a.name(), a.fallback());
        named.putAll(c.named());
        out.add(f.create(new Args(c.name(), named)));
        return out;
    }

    Device open(HardwareProfile profile, long seed) {
        return backend.open(new DeviceRequest(graph, profile, seed, this::resolve));
    }

    Loss crossEntropy() {
        return catalog.losses().find("cross_entropy").orElseThrow().create(new Args("cross_entropy", Map.of()));
    }

    /** A context for {@code device} with the ideal twin, nested trainers from the catalog. */
    TrainerContext context(Device device, Device twin) {
        PhotonicBench self = this;
        Loss loss = crossEntropy();
        return new TrainerContext() {
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
                return Optional.ofNullable(twin);
            }

            @Override
            public Loss loss() {
                return loss;
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public Trainer nested(Value.Call call) {
                return self.trainer(call, this);
            }
        };
    }

    Trainer trainer(Value.Call call, TrainerContext ctx) {
        var f = catalog.trainers().find(call.name()).orElseThrow();
        Map<String, Value> named = new LinkedHashMap<>();
        for (ArgSpec a : f.args()) if (a.fallback() != null) named.put(a.name(), a.fallback());
        named.putAll(call.named());
        return f.create(new Args(call.name(), named), ctx);
    }

    Trainer trainer(String text, TrainerContext ctx) {
        return trainer(new Value.Call(text, List.of(), Map.of()), ctx);
    }
}
