package dev.pnn.backprop;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.testkit.BasicTrainerContext;
import dev.pnn.testkit.GradientCheck;
import dev.pnn.testkit.TaylorTest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Backprop through the ideal {@code photonic_sim} twin passes the §3 gradient check and Taylor test on random
 * small photonic networks (≤ 6 modes, ≤ 2 photonic layers, batch ≤ 4). Everything is reached through the SPI:
 * the plugin is found by ServiceLoader and graphs are shaped by its block signatures, as the compiler does.
 */
class PhotonicBackpropProperties {
    private static final PnnPlugin PHOTONIC = ServiceLoader.load(PnnPlugin.class).stream()
            .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("photonic-sim")).findFirst()
            .orElseThrow(() -> new AssertionError("photonic-sim plugin not on the test class path"));

    /** Builds graphs from block signatures, placing parameter slices in order like the compiler. */
    private static final class Builder {
        final List<Node> nodes = new ArrayList<>();
        int offset;
        String last;

        Builder input(int width) {
            nodes.add(new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(width), List.of(), Loc.NONE));
            last = "x";
            return this;
        }

        Builder then(String id, String op, Object... named) {
            BlockType block = PHOTONIC.blocks().stream().filter(b -> b.name().equals(op)).findFirst().orElseThrow();
            Map<String, Value> attrs = new LinkedHashMap<>();
            for (int i = 0; i < named.length; i += 2) attrs.put((String) named[i], (Value) named[i + 1]);
            for (ArgSpec a : block.args()) if (!attrs.containsKey(a.name()) && a.fallback() != null) attrs.put(a.name(), a.fallback());
            ValueType in = nodes.get(nodes.size() - 1).type();
            Shaping s = block.shape(List.of(in), new Args(op, attrs));
            if (!(s instanceof Shaping.Ok ok)) throw new AssertionError(((Shaping.Mismatch) s).message());
            List<ParamSlice> slices = new ArrayList<>();
            for (ParamSpec p : ok.params()) {
                slices.add(new ParamSlice(id + "." + p.name(), offset, p.length(), p.shape(), p.unit(), p.lower(),
                        p.upper(), p.periodic(), p.init()));
                offset += p.length();
            }
            nodes.add(new Node(id, op, List.of(last), attrs, new ValueType(block.output(), ok.width()), slices, Loc.NONE));
            last = id;
            return this;
        }

        Graph build() {
            return new Graph("net", nodes, last, Loc.NONE);
        }
    }

    /** modulate → clements|reck → photodetect, once or twice (the second layer re-encodes the detected powers), then take → gain. */
    static Graph randomNet(Rng r, int modes, int classes) {
        Builder b = new Builder().input(modes);
        int layers = 1 + r.nextInt(2);
        for (int l = 0; l < layers; l++) {
            b.then("enc" + l, "modulate", "mode", new Value.Sym(r.nextDouble() < 0.5 ? "amplitude" : "phase"));
            if (r.nextDouble() < 0.5) b.then("mix" + l, "clements", "modes", new Value.Num(modes));
            else b.then("mix" + l, "reck");
            b.then("det" + l, "photodetect");
        }
        b.then("pick", "take", "indices", new Value.Range(0, classes - 1));
        b.then("logits", "gain", "init", new Value.Num(1));
        return b.build();
    }

    /** θ uniform in each slice's domain: phases in [0, 2π), other parameters (the gain) in [0.5, 3]. */
    static double[] randomTheta(Rng r, Graph g) {
        double[] theta = new double[g.paramCount()];
        for (ParamSlice s : g.slices()) {
            for (int i = s.offset(); i < s.end(); i++) {
                theta[i] = s.periodic() ? 2 * Math.PI * r.nextDouble() : 0.5 + 2.5 * r.nextDouble();
            }
        }
        return theta;
    }

    @Property(tries = 60)
    void backpropThroughARandomPhotonicNetworkPassesTheGradientCheck(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int modes,
            @ForAll @IntRange(min = 1, max = 4) int rows, @ForAll @IntRange(min = 0, max = 2) int lossIndex) {
        Rng rng = new Rng(seed);
        int classes = 2 + rng.nextInt(modes - 1);
        Graph graph = randomNet(rng, modes, classes);
        Backend backend = PHOTONIC.backends().get(0);
        Device device = backend.open(new DeviceRequest(graph, new HardwareProfile("ideal", backend.name(), Map.of(), Loc.NONE),
                seed, v -> List.of()));
        TwinView twin = device.view(TwinView.class);
        Loss loss = List.of(LossFactories.crossEntropy(), LossFactories.mse(), LossFactories.halfSse())
                .get(lossIndex).create(Fixtures.args("loss"));
        // inputs in [0, 1] like scaled pixels; half_sse gets real targets, the others class labels
        Batch batch = lossIndex == 2 ? Batch.allocate(rows, modes, false, classes) : Batch.allocate(rows, modes, true, 0);
        for (int i = 0; i < rows * modes; i++) batch.inputs().re[i] = rng.nextDouble();
        if (lossIndex == 2) for (int i = 0; i < rows * classes; i++) batch.targets().re[i] = rng.nextDouble();
        else for (int i = 0; i < rows; i++) batch.labels()[i] = rng.nextInt(classes);
        double[] theta = randomTheta(rng, graph);

        GradientTrainer trainer = (GradientTrainer) new BackpropTrainerFactory().create(Fixtures.args("backprop"),
                new BasicTrainerContext(device, loss, 1));
        double[] grad = new double[theta.length];
        double l = trainer.gradient(theta, batch, grad);

        Tape tape = twin.newTape(rows);
        java.util.function.ToDoubleFunction<double[]> lossAt = t -> loss.evaluate(twin.forward(t, batch.inputs(), tape), batch, null);
        assertEquals(lossAt.applyAsDouble(theta), l, 0.0);
        GradientCheck.check(lossAt, theta, grad, graph.slices()).assertPassed();
        TaylorTest.check(lossAt, theta, grad, seed, graph.slices()).assertPassed();
    }
}
