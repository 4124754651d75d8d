package dev.pnn.modelfree;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain-shaped network read as layers for DFA and local learning (ALGORITHMS.md §6–7): each trainable node
 * (a {@code linear}, {@code bias} or {@code gain} block, whose parameter update is an outer product of a delta
 * and the layer's measured input, computed digitally) followed by the parameter-free blocks up to the next
 * trainable node, which act as that layer's nonlinearity f (digital or unmodelled physical).
 */
final class LayerPlan {
    /** LINEAR, BIAS, GAIN: updated digitally from a delta; PHYSICAL: any other parameterized block (local SPSA). */
    enum Op { LINEAR, BIAS, GAIN, PHYSICAL }

    /**
     * @param node  index of the trainable node (its output is the pre-activation a)
     * @param input index of the node feeding it (its output is h_{l−1})
     * @param chain indices of the parameter-free nodes after it, in order (the activation f)
     * @param out   index of the layer's output: the last chain node, or {@code node} when the chain is empty
     */
    record Layer(String id, int node, int input, int[] chain, int out, Op op, int weight, int bias, int inWidth,
                 int width, int physicalCount) {
        /** Adds ∂/∂θ of Σ δ ⊙ a(θ) into {@code grad}: δ at this layer's pre-activation, {@code h} its input. */
        void accumulate(Tensor delta, Tensor h, double[] grad) {
            int rows = delta.rows();
            double[] d = delta.re, x = h.re;
            switch (op) {
                case LINEAR -> {
                    for (int b = 0; b < rows; b++) {
                        int dRow = b * width, xRow = b * inWidth;
                        for (int o = 0; o < width; o++) {
                            double v = d[dRow + o];
                            if (v == 0) continue;
                            int w = weight + o * inWidth;
                            for (int i = 0; i < inWidth; i++) grad[w + i] += v * x[xRow + i];
                            if (bias >= 0) grad[bias + o] += v;
                        }
                    }
                }
                case BIAS -> {
                    for (int b = 0; b < rows; b++) for (int o = 0; o < width; o++) grad[bias + o] += d[b * width + o];
                }
                case GAIN -> {
                    double s = 0;
                    for (int b = 0; b < rows; b++) for (int o = 0; o < width; o++) s += d[b * width + o] * x[b * width + o];
                    grad[weight] += s;
                }
                case PHYSICAL -> throw new IllegalStateException("a physical layer has no delta rule: " + id);
            }
        }

        int paramOffset() {
            return op == Op.BIAS ? bias : weight;
        }

        int paramCount() {
            return switch (op) {
                case LINEAR -> width * inWidth + (bias >= 0 ? width : 0);
                case BIAS -> width;
                case GAIN -> 1;
                case PHYSICAL -> physicalCount;
            };
        }
    }

    final Graph graph;
    final List<Layer> layers;
    /** Parameter-free nodes between the input node and the first layer, in order. */
    final int[] prefix;
    /**
     * Per layer, the blocks after its output that only carry it to the next layer (e.g. a modulator into an
     * optical mesh); empty unless {@link #endingAtLastRealNode()} moved them there.
     */
    final int[][] bridges;

    private LayerPlan(Graph graph, List<Layer> layers, int[] prefix, int[][] bridges) {
        this.graph = graph;
        this.layers = List.copyOf(layers);
        this.prefix = prefix;
        this.bridges = bridges;
    }

    /**
     * The plan for local objectives, which compare real outputs: each hidden layer ends at the last real-valued
     * block of its chain, and the blocks after it (a modulator into a mesh) become the bridge to the next layer.
     *
     * @throws PnnException when a layer's chain has no real-valued block to score
     */
    LayerPlan endingAtLastRealNode(String trainer) {
        List<Node> nodes = graph.nodes();
        List<Layer> out = new ArrayList<>();
        int[][] br = new int[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int[] all = new int[layer.chain().length + 1];
            all[0] = layer.node();
            System.arraycopy(layer.chain(), 0, all, 1, layer.chain().length);
            int last = -1;
            for (int i = 0; i < all.length; i++) if (!nodes.get(all[i]).type().domain().complex()) last = i;
            if (last < 0)
                throw new PnnException(trainer + ": block '" + layer.id() + "' has no real-valued output to score",
                        nodes.get(layer.node()).loc(), "detect its optical output (photodetect) before the next layer");
            int[] chain = java.util.Arrays.copyOfRange(all, 1, last + 1);
            br[l] = java.util.Arrays.copyOfRange(all, last + 1, all.length);
            out.add(new Layer(layer.id(), layer.node(), layer.input(), chain, all[last], layer.op(), layer.weight(),
                    layer.bias(), layer.inWidth(), layer.width(), layer.physicalCount()));
        }
        return new LayerPlan(graph, out, prefix, br);
    }

    Layer last() {
        return layers.get(layers.size() - 1);
    }

    static LayerPlan of(Graph graph, String trainer) {
        return of(graph, trainer, false);
    }

    /**
     * @param physicalLayers whether parameterized blocks other than linear/bias/gain become {@link Op#PHYSICAL}
     *                       hidden layers (trained by local SPSA) instead of being refused
     */
    static LayerPlan of(Graph graph, String trainer, boolean physicalLayers) {
        List<Node> nodes = graph.nodes();
        if (nodes.isEmpty() || !nodes.get(0).isInput() || graph.inputs().size() != 1)
            throw new PnnException(trainer + ": network '" + graph.name() + "' must have exactly one input", graph.loc(),
                    trainer + " trains chain-shaped networks");
        for (int i = 1; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.inputs().size() != 1 || !n.inputs().get(0).equals(nodes.get(i - 1).id()))
                throw new PnnException(trainer + ": node '" + n.id() + "' takes " + n.inputs()
                        + "; layer-wise training needs a chain where each block feeds the next", n.loc(),
                        "use backprop, pat or a perturbative trainer (spsa, es) for branching networks");
        }
        if (!nodes.get(nodes.size() - 1).id().equals(graph.output()))
            throw new PnnException(trainer + ": the output '" + graph.output() + "' must be the last block of the chain",
                    graph.loc(), "make the output the last statement");
        List<Integer> trainable = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.paramCount() == 0) continue;
            if (!List.of("linear", "bias", "gain").contains(n.op()) && !physicalLayers)
                throw new PnnException(trainer + ": node '" + n.id() + "' (" + n.op() + ") has " + n.paramCount()
                        + " parameters, but " + trainer + " can only update linear, bias and gain layers", n.loc(),
                        "make the physical part parameter-free, or train it with spsa/es/pat");
            trainable.add(i);
        }
        if (trainable.isEmpty())
            throw new PnnException(trainer + ": network '" + graph.name() + "' has no linear, bias or gain layer to train",
                    graph.loc(), "add e.g. 'output logits = linear(h, out: 10);'");
        int[] prefix = new int[trainable.get(0) - 1];
        for (int i = 0; i < prefix.length; i++) prefix[i] = i + 1;
        List<Layer> layers = new ArrayList<>();
        for (int t = 0; t < trainable.size(); t++) {
            int node = trainable.get(t);
            int end = t + 1 < trainable.size() ? trainable.get(t + 1) : nodes.size();
            int[] chain = new int[end - node - 1];
            for (int i = 0; i < chain.length; i++) chain[i] = node + 1 + i;
            layers.add(List.of("linear", "bias", "gain").contains(nodes.get(node).op())
                    ? layer(nodes, node, chain, trainer) : physical(nodes, node, chain));
        }
        if (layers.get(layers.size() - 1).op() == Op.PHYSICAL)
            throw new PnnException(trainer + ": the output layer '" + layers.get(layers.size() - 1).id()
                    + "' is a physical block; the read-out head must be a linear, bias or gain layer",
                    graph.outputNode().loc(), "end the network with e.g. 'output logits = linear(h, out: 10);'");
        int[][] none = new int[layers.size()][];
        java.util.Arrays.fill(none, new int[0]);
        return new LayerPlan(graph, layers, prefix, none);
    }

    private static Layer physical(List<Node> nodes, int index, int[] chain) {
        Node n = nodes.get(index);
        int out = chain.length == 0 ? index : chain[chain.length - 1];
        return new Layer(n.id(), index, index - 1, chain, out, Op.PHYSICAL, n.paramOffset(), -1,
                nodes.get(index - 1).type().width(), n.type().width(), n.paramCount());
    }

    private static Layer layer(List<Node> nodes, int index, int[] chain, String trainer) {
        Node n = nodes.get(index);
        Node in = nodes.get(index - 1);
        if (in.type().domain().complex() || n.type().domain().complex())
            throw new PnnException(trainer + ": layer '" + n.id() + "' must read and write real signals, got "
                    + in.type() + " -> " + n.type(), n.loc(), "detect optical fields (photodetect) before a digital layer");
        int weight = -1, bias = -1;
        for (ParamSlice s : n.params()) {
            String local = s.name().substring(s.name().lastIndexOf('.') + 1);
            switch (local) {
                case "weight", "gamma" -> weight = s.offset();
                case "bias", "b" -> bias = s.offset();
                default -> throw new PnnException(trainer + ": unexpected parameter '" + s.name() + "' on layer '"
                        + n.id() + "'", n.loc(), "");
            }
        }
        Op op = switch (n.op()) {
            case "linear" -> Op.LINEAR;
            case "bias" -> Op.BIAS;
            default -> Op.GAIN;
        };
        if ((op != Op.BIAS && weight < 0) || (op == Op.BIAS && bias < 0))
            throw new PnnException(trainer + ": layer '" + n.id() + "' lacks its parameter slice", n.loc(), "");
        int out = chain.length == 0 ? index : chain[chain.length - 1];
        return new Layer(n.id(), index, index - 1, chain, out, op, weight, bias, in.type().width(), n.type().width(), 0);
    }
}
