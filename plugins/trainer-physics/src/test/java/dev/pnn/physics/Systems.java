package dev.pnn.physics;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.testkit.BasicTrainerContext;
import dev.pnn.testkit.OneBlockGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return OneBlockGraph.of(block(blockName), inputWidth, attrs);
    }

    static Device open(String backend, Graph g) {
        return backend(backend).open(OneBlockGraph.idealRequest(g, backend));
    }

    static double[] init(Graph g, long seed) {
        return OneBlockGraph.initialTheta(g, seed);
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
        return new BasicTrainerContext(g, device, loss, 3);
    }
}
