package dev.pnn.modelfree;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;

import java.util.LinkedHashMap;
import java.util.Map;

/** Random parameters, batches and trainer arguments for the layered-trainer properties. */
final class Fixtures {
    private Fixtures() {
    }

    static double[] theta(Graph g, long seed, double std) {
        Rng rng = new Rng(seed);
        double[] t = new double[g.paramCount()];
        for (int i = 0; i < t.length; i++) t[i] = std * rng.nextGaussian();
        return t;
    }

    static Batch batch(int rows, int width, int classes, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[rows * width];
        int[] labels = new int[rows];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        for (int b = 0; b < rows; b++) labels[b] = rng.nextInt(classes);
        return TestLosses.labelled(x, width, labels);
    }

    /**
     * Args as the compiler would pass them: {@code args("dfa", "augmented", true, "g", "one")}; a string of
     * comma-separated integers becomes a list ({@code "label_inputs", "5,1,3"}).
     */
    static Args args(String owner, Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            Value val = v instanceof Boolean b ? new Value.Bool(b)
                    : v instanceof Number n ? new Value.Num(n.doubleValue())
                    : ((String) v).matches("[0-9]+(,[0-9]+)*") ? new Value.ListV(java.util.Arrays.stream(((String) v).split(","))
                    .map(x -> (Value) new Value.Num(Integer.parseInt(x))).toList())
                    : new Value.Sym((String) v);
            m.put((String) kv[i], val);
        }
        return new Args(owner, m);
    }

    /** ∂L/∂output of a batch on the device (for the reference backprop). */
    static Tensor outputGrad(ChainDevice dev, double[] theta, Batch batch, Loss loss) {
        Graph g = dev.graph();
        int k = g.outputNode().type().width();
        Tensor out = Tensor.real(batch.size(), k), grad = Tensor.real(batch.size(), k);
        dev.view(ForwardView.class).forward(theta, batch.inputs(), out);
        loss.evaluate(out, batch, grad);
        return grad;
    }

    static double loss(ChainDevice dev, double[] theta, Batch batch, Loss loss) {
        Graph g = dev.graph();
        Tensor out = Tensor.real(batch.size(), g.outputNode().type().width());
        dev.view(ForwardView.class).forward(theta, batch.inputs(), out);
        return loss.evaluate(out, batch, null);
    }
}
