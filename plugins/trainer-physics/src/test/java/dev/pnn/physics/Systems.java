package dev.pnn.physics;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the compiler and runtime would hand the trainers, built directly from the plugins found by ServiceLoader:
 * a graph input → one physical block with θ placed, an opened device, a context and the {@code half_sse} loss.
 */
final class Systems {
    private Systems() {
    }

    static List<PnnPlugin> plugins() {
        List<PnnPlugin> all = new ArrayList<>();
        ServiceLoader.load(PnnPlugin.class).forEach(all::add);
        return all;
    }

    static BlockType block(String name) {
        return plugins().stream().flatMap(p -> p.blocks().stream()).filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no block " + name));
    }

    static Backend backend(String name) {
        return plugins().stream().flatMap(p -> p.backends().stream()).filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no backend " + name));
    }

    static Graph single(String blockName, int inputWidth, Map<String, Value> attrs) {
        BlockType block = block(blockName);
        Shaping s = block.shape(List.of(ValueType.real(inputWidth)), new Args(block.name(), attrs));
        if (!(s instanceof Shaping.Ok ok)) throw new AssertionError("shape failed: " + s);
        List<ParamSlice> slices = new ArrayList<>();
        int off = 0;
        for (ParamSpec p : ok.params()) {
            slices.add(new ParamSlice("y." + p.name(), off, p.length(), p.shape(), p.unit(), p.lower(), p.upper(),
                    p.periodic(), p.init()));
            off += p.length();
        }
        Node in = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(inputWidth), List.of(), Loc.NONE);
        Node y = new Node("y", block.name(), List.of("x"), attrs, ValueType.real(ok.width()), slices, Loc.NONE);
        return new Graph("Net", List.of(in, y), "y", Loc.NONE);
    }

    static Device open(String backend, Graph g) {
        return backend(backend).open(new DeviceRequest(g, new HardwareProfile("ideal", backend, Map.of(), Loc.NONE),
                1L, v -> List.of()));
    }

    static double[] init(Graph g, long seed) {
        double[] theta = new double[g.paramCount()];
        for (ParamSlice s : g.slices()) {
            Rng rng = Rng.derived(seed, s.name());
            for (int i = s.offset(); i < s.end(); i++) {
                Init init = s.init();
                if (init instanceof Init.Uniform u) theta[i] = u.low() + (u.high() - u.low()) * rng.nextDouble();
                else if (init instanceof Init.Normal n) theta[i] = n.mean() + n.std() * rng.nextGaussian();
                else theta[i] = ((Init.Constant) init).value();
            }
        }
        return theta;
    }

    static Value.Num num(double v) {
        return new Value.Num(v);
    }

    static Value.Call call(String name, Map<String, Value> named) {
        return new Value.Call(name, List.of(), named);
    }

    /** A batch of real-target samples. */
    static Batch batch(double[] x, int width, double[] t, int targetWidth) {
        int rows = x.length / width;
        return new Batch(Tensor.wrap(x.clone(), null, rows, width), null, Tensor.wrap(t.clone(), null, rows, targetWidth));
    }

    /** ALGORITHMS.md §1 {@code half_sse} = (1/B) Σ_b ½‖y_b − t_b‖²: the cost C of EP, CL, HEB and scattering. */
    static final Loss HALF_SSE = (output, batch, grad) -> {
        int rows = output.rows(), w = output.width;
        double l = 0;
        for (int i = 0; i < rows * w; i++) {
            double d = output.re[i] - batch.targets().re[i];
            l += 0.5 * d * d;
            if (grad != null) grad.re[i] = d / rows;
        }
        if (grad != null) grad.rows(rows);
        return l / rows;
    };

    static TrainerContext context(Graph g, Device device, Loss loss) {
        return new TrainerContext() {
            public Graph graph() {
                return g;
            }

            public Device device() {
                return device;
            }

            public Optional<Device> twin() {
                return Optional.empty();
            }

            public Loss loss() {
                return loss;
            }

            public long seed() {
                return 3;
            }

            public Trainer nested(Value.Call call) {
                throw new UnsupportedOperationException("no nested trainers here");
            }
        };
    }
}
