package dev.pnn.modelfree;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;

/**
 * The elementwise factor g(a) that multiplies a layer's error in DFA and local learning: the derivative f′(a) of
 * the layer's activation chain (exact for known digital ops, or measured on the device by central differences),
 * or a proxy correlated with it (augmented DFA: a constant, cos a).
 */
final class Slope {
    enum Mode { EXACT, MEASURED, ONE, COS }

    private final Mode mode;
    private final double eps;
    private final LayersView layers;
    private final Graph graph;
    /** Per node: the chain's outputs for a + ε and a − ε, and (at a layer's node) the shifted input. */
    private Tensor[] plus = new Tensor[0], minus = new Tensor[0], shifted = new Tensor[0];

    Slope(Mode mode, double eps, LayersView layers, Graph graph) {
        this.mode = mode;
        this.eps = eps;
        this.layers = layers;
        this.graph = graph;
    }

    Mode mode() {
        return mode;
    }

    /** Refuses, before anything runs, a layer whose chain this mode cannot differentiate. */
    void check(LayerPlan.Layer layer, String trainer) {
        for (int idx : layer.chain()) {
            Node n = graph.nodes().get(idx);
            if (mode == Mode.EXACT && !n.op().equals("relu") && !n.op().equals("tanh"))
                throw new PnnException(trainer + ": the derivative of block '" + n.id() + "' (" + n.op()
                        + ") is not known exactly; only relu and tanh are", n.loc(),
                        trainer.equals("dfa") ? "use dfa(augmented: true, g: measured) to measure the slope on the device"
                                : "use " + trainer + "(derivative: measured) to measure the slope on the device");
        }
        if (layer.chain().length > 0 && mode == Mode.MEASURED) {
            Node last = graph.nodes().get(layer.out());
            if (last.type().domain().complex() || last.type().width() != layer.width())
                throw new PnnException(trainer + ": the activation after layer '" + layer.id() + "' maps real["
                        + layer.width() + "] to " + last.type() + "; a measured slope needs an elementwise real map",
                        last.loc(), "detect back to real[" + layer.width() + "] before the next layer");
        }
    }

    /**
     * Writes g (rows × width) for {@code layer}, reading recorded activations from {@code acts} (indexed by node).
     */
    void compute(LayerPlan.Layer layer, double[] theta, Tensor[] acts, Tensor g) {
        Tensor a = acts[layer.node()];
        int rows = a.rows(), size = rows * layer.width();
        g.rows(rows);
        double[] gv = g.re;
        switch (mode) {
            case ONE -> java.util.Arrays.fill(gv, 0, size, 1.0);
            case COS -> {
                for (int i = 0; i < size; i++) gv[i] = Math.cos(a.re[i]);
            }
            case EXACT -> {
                java.util.Arrays.fill(gv, 0, size, 1.0);
                int prev = layer.node();
                for (int idx : layer.chain()) {
                    String op = graph.nodes().get(idx).op();
                    double[] x = acts[prev].re, y = acts[idx].re;
                    if (op.equals("relu")) for (int i = 0; i < size; i++) gv[i] *= x[i] > 0 ? 1.0 : 0.0;
                    else for (int i = 0; i < size; i++) gv[i] *= 1.0 - y[i] * y[i];
                    prev = idx;
                }
            }
            case MEASURED -> measure(layer, theta, a, g);
        }
    }

    /** g = [f(a + ε) − f(a − ε)]/(2ε) through the chain on the device: 2 passes per chain block. */
    private void measure(LayerPlan.Layer layer, double[] theta, Tensor a, Tensor g) {
        int rows = a.rows(), size = rows * layer.width();
        if (layer.chain().length == 0) {
            java.util.Arrays.fill(g.re, 0, size, 1.0);
            return;
        }
        ensure(layer, rows);
        Tensor fPlus = run(layer, theta, a, +eps, plus);
        Tensor fMinus = run(layer, theta, a, -eps, minus);
        for (int i = 0; i < size; i++) g.re[i] = (fPlus.re[i] - fMinus.re[i]) / (2 * eps);
    }

    private Tensor run(LayerPlan.Layer layer, double[] theta, Tensor a, double shift, Tensor[] buf) {
        int rows = a.rows(), size = rows * layer.width();
        Tensor in = shifted[layer.node()];
        in.rows(rows);
        for (int i = 0; i < size; i++) in.re[i] = a.re[i] + shift;
        int[] chain = layer.chain();
        for (int c = 0; c < chain.length; c++) {
            Tensor out = buf[chain[c]];
            out.rows(rows);
            layers.runNode(chain[c], theta, new Tensor[]{in}, out);
            in = out;
        }
        return in;
    }

    private void ensure(LayerPlan.Layer layer, int rows) {
        int n = graph.nodes().size();
        if (plus.length != n) {
            plus = new Tensor[n];
            minus = new Tensor[n];
            shifted = new Tensor[n];
        }
        if (shifted[layer.node()] == null || shifted[layer.node()].capacity() < rows)
            shifted[layer.node()] = Tensor.real(rows, layer.width());
        for (int idx : layer.chain()) {
            if (plus[idx] == null || plus[idx].capacity() < rows) {
                plus[idx] = Tensor.of(graph.nodes().get(idx).type(), rows);
                minus[idx] = Tensor.of(graph.nodes().get(idx).type(), rows);
            }
        }
    }
}
