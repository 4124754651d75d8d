package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A graph as the tensor-train backend runs it: one {@link JetLayer} per block, evaluated on batches of points
 * either plainly (order 0, what the photonic hardware does) or as second-order Taylor jets with respect to the
 * inputs (the exact-derivative digital twin), with the VJP of either. Buffers grow to the largest batch seen and
 * are reused; not thread-safe.
 */
final class JetNetwork {
    static final Set<String> OPS = Set.of("linear", "bias", "tanh", "relu", TtLinearBlock.NAME);

    private final Graph graph;
    private final int[] inputOf;          // per node: index of its input node (−1 for the input)
    private final JetLayer[] layers;      // per node: null for the input
    private final int[] widths;
    private final int outputNode;
    private double[][] acts = new double[0][];
    private double[][] grads = new double[0][];
    private int rows;
    private JetLayout layout;

    JetNetwork(Graph graph) {
        this.graph = graph;
        List<Node> nodes = graph.nodes();
        int n = nodes.size();
        inputOf = new int[n];
        layers = new JetLayer[n];
        widths = new int[n];
        int inputs = 0;
        for (int k = 0; k < n; k++) {
            Node node = nodes.get(k);
            widths[k] = node.type().width();
            if (node.isInput()) {
                inputOf[k] = -1;
                inputs++;
                continue;
            }
            if (node.inputs().size() != 1)
                throw new PnnException("photonic_tt runs blocks with one signal input; '" + node.id() + "' (" + node.op()
                        + ") has " + node.inputs().size(), node.loc(), "use a chain of single-input blocks");
            inputOf[k] = graph.indexOf(node.inputs().get(0));
            layers[k] = layerFor(node, widths[inputOf[k]]);
        }
        if (inputs != 1)
            throw new PnnException("photonic_tt runs networks with exactly one input, '" + graph.name() + "' has " + inputs,
                    graph.loc(), "concatenate the inputs into one real[d] input");
        outputNode = graph.indexOf(graph.output());
    }

    private static JetLayer layerFor(Node node, int inWidth) {
        return switch (node.op()) {
            case "linear" -> new DenseLayer(inWidth, node.type().width(), slice(node, "weight").offset(),
                    optional(node, "bias"));
            case "bias" -> new BiasLayer(inWidth, slice(node, "b").offset());
            case "tanh" -> new ActivationLayer(inWidth, ActivationLayer.Kind.TANH);
            case "relu" -> new ActivationLayer(inWidth, ActivationLayer.Kind.RELU);
            case TtLinearBlock.NAME -> {
                TtShape shape = TtLinearBlock.shapeOf(node.args());
                yield new TtLayer(shape, slice(node, "core1").offset(), optional(node, "bias"));
            }
            default -> throw new PnnException("backend photonic_tt cannot run block '" + node.op() + "' (node '"
                    + node.id() + "')", node.loc(), "photonic_tt runs " + String.join(", ", OPS.stream().sorted().toList()));
        };
    }

    private static ParamSlice slice(Node node, String param) {
        String full = node.id() + "." + param;
        return node.params().stream().filter(s -> s.name().equals(full) || s.name().endsWith("." + param)).findFirst()
                .orElseThrow(() -> new PnnException("node '" + node.id() + "' has no parameter '" + param + "'",
                        node.loc(), "recompile the program; the IR does not match block " + node.op()));
    }

    private static int optional(Node node, String param) {
        return node.params().stream().filter(s -> s.name().endsWith("." + param)).mapToInt(ParamSlice::offset)
                .findFirst().orElse(-1);
    }

    Graph graph() {
        return graph;
    }

    int inputWidth() {
        for (int k = 0; k < layers.length; k++) if (inputOf[k] < 0) return widths[k];
        throw new IllegalStateException();
    }

    int outputWidth() {
        return widths[outputNode];
    }

    /** The layers of the given kind, in graph order (for device counting). */
    List<JetLayer> layers() {
        List<JetLayer> out = new ArrayList<>();
        for (JetLayer l : layers) if (l != null) out.add(l);
        return out;
    }

    private void ensure(int needRows) {
        if (acts.length == layers.length && acts[0].length >= needRows * Math.max(1, maxWidth())) return;
        int cap = Math.max(needRows, 1);
        acts = new double[layers.length][];
        grads = new double[layers.length][];
        for (int k = 0; k < layers.length; k++) {
            acts[k] = new double[cap * Math.max(1, maxWidth())];
            grads[k] = new double[cap * Math.max(1, maxWidth())];
        }
    }

    private int maxWidth() {
        int m = 0;
        for (int w : widths) m = Math.max(m, w);
        return m;
    }

    /**
     * Evaluates the network at {@code points} (n × d, row-major) as jets of the given order; returns the output
     * buffer, n·comps rows × output width (valid until the next call).
     */
    double[] forward(double[] theta, double[] points, int n, int order) {
        return forward(theta, points, 0, n, order);
    }

    /** As {@link #forward(double[], double[], int, int)} for the n points that start at point {@code from}. */
    double[] forward(double[] theta, double[] points, int from, int n, int order) {
        int d = inputWidth();
        layout = new JetLayout(d, order);
        int c = layout.comps();
        rows = n * c;
        ensure(rows);
        for (int k = 0; k < layers.length; k++) {
            if (inputOf[k] < 0) {
                double[] a = acts[k];
                java.util.Arrays.fill(a, 0, rows * d, 0.0);
                for (int p = 0; p < n; p++) {
                    System.arraycopy(points, (from + p) * d, a, p * c * d, d);
                    if (order >= 1) for (int i = 0; i < d; i++) a[(p * c + layout.first(i)) * d + i] = 1.0;
                }
            } else {
                layers[k].forward(theta, acts[inputOf[k]], acts[k], rows, layout);
            }
        }
        return acts[outputNode];
    }

    /**
     * VJP of the last {@link #forward}: given ∂L/∂output (same layout as the returned buffer) adds ∂L/∂θ into
     * {@code thetaGrad}.
     */
    void backward(double[] theta, double[] outputGrad, double[] thetaGrad) {
        for (double[] g : grads) java.util.Arrays.fill(g, 0, Math.min(g.length, rows * maxWidth()), 0.0);
        System.arraycopy(outputGrad, 0, grads[outputNode], 0, rows * widths[outputNode]);
        for (int k = layers.length - 1; k >= 0; k--) {
            if (layers[k] == null) continue;
            int src = inputOf[k];
            boolean needIn = layers[src] != null;
            double[] tmp = needIn ? new double[rows * widths[src]] : null;
            layers[k].backward(theta, acts[src], acts[k], grads[k], tmp, thetaGrad, rows, layout);
            if (needIn) for (int i = 0; i < tmp.length; i++) grads[src][i] += tmp[i];
        }
    }
}
