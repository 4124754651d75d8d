package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.ReservoirView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny chain-shaped "hardware" for tests: linear, gain, tanh, relu, square (an unmodelled detector |x|²) and a fixed scale block ("a laser
 * power"), offering pnn.forward, pnn.layers and pnn.reservoir, counting one query per sample per pass and per
 * block run. {@link #backprop} is the reference backprop of the same chain (itself FD-checked in the tests).
 */
final class ChainDevice implements Device {
    private final Graph graph;
    private final QueryCounter queries = new QueryCounter();
    private final Set<Capability> caps;

    ChainDevice(Graph graph, Set<Capability> caps) {
        this.graph = graph;
        this.caps = caps;
    }

    ChainDevice(Graph graph) {
        this(graph, Set.of(Capability.FORWARD, Capability.LAYERS, Capability.RESERVOIR));
    }

    /** Builder of a chain graph: {@code new Builder(4).linear("l1", 5).tanh("t1").linear("out", 3).build()}. */
    static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private int offset;

        Builder(int inputs) {
            nodes.add(new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(inputs), List.of(), Loc.NONE));
        }

        private int width() {
            return nodes.get(nodes.size() - 1).type().width();
        }

        private String prev() {
            return nodes.get(nodes.size() - 1).id();
        }

        private ParamSlice slice(String name, List<Integer> shape) {
            int len = shape.stream().reduce(1, (a, b) -> a * b);
            ParamSlice s = new ParamSlice(name, offset, len, shape, null, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, false, new Init.Normal(0, 0.5));
            offset += len;
            return s;
        }

        Builder linear(String id, int out) {
            int in = width();
            List<ParamSlice> ps = List.of(slice(id + ".weight", List.of(out, in)), slice(id + ".bias", List.of(out)));
            nodes.add(new Node(id, "linear", List.of(prev()), Map.of("out", new Value.Num(out)), ValueType.real(out), ps, Loc.NONE));
            return this;
        }

        Builder gain(String id) {
            nodes.add(new Node(id, "gain", List.of(prev()), Map.of(), ValueType.real(width()),
                    List.of(slice(id + ".gamma", List.of(1))), Loc.NONE));
            return this;
        }

        /** A parameterized block the layered trainers have no delta rule for: y = m ⊙ x ("a physical mask"). */
        Builder mask(String id) {
            nodes.add(new Node(id, "mask", List.of(prev()), Map.of(), ValueType.real(width()),
                    List.of(slice(id + ".m", List.of(width()))), Loc.NONE));
            return this;
        }

        Builder op(String id, String op) {
            nodes.add(new Node(id, op, List.of(prev()), Map.of(), ValueType.real(width()), List.of(), Loc.NONE));
            return this;
        }

        Builder scale(String id, double factor) {
            nodes.add(new Node(id, "scale", List.of(prev()), Map.of("factor", new Value.Num(factor)),
                    ValueType.real(width()), List.of(), Loc.NONE));
            return this;
        }

        Graph build() {
            return new Graph("Chain", nodes, nodes.get(nodes.size() - 1).id(), Loc.NONE);
        }
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public HardwareProfile profile() {
        return new HardwareProfile("test", "chain", Map.of(), Loc.NONE);
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return caps;
    }

    @Override
    public QueryCounter queries() {
        return queries;
    }

    private final LayersView layers = new LayersView() {
        @Override
        public Tape newTape(int maxRows) {
            return new Tape(graph, maxRows, new Object[graph.nodes().size()]);
        }

        @Override
        public Tensor forwardAll(double[] theta, Tensor input, Tape tape) {
            tape.rows(input.rows());
            tape.activation(0).copyFrom(input);
            for (int i = 1; i < graph.nodes().size(); i++) apply(i, theta, tape.activation(i - 1), tape.activation(i));
            queries.add(QueryKind.FORWARD, input.rows());
            return tape.output();
        }

        @Override
        public void runNode(int node, double[] theta, Tensor[] inputs, Tensor out) {
            apply(node, theta, inputs[0], out);
            queries.add(QueryKind.FORWARD, inputs[0].rows());
        }
    };

    private final ForwardView forward = (theta, input, output) -> {
        Tape tape = layers.newTape(input.rows());
        output.copyFrom(layers.forwardAll(theta, input, tape));
    };

    private final ReservoirView reservoir = ReservoirView.over(layers);

    @Override
    @SuppressWarnings("unchecked")
    public <V extends View> V view(Class<V> type) {
        if (!offers(type)) throw new CapabilityException("chain device does not offer " + type.getSimpleName(), "");
        if (type == LayersView.class) return (V) layers;
        if (type == ForwardView.class) return (V) forward;
        if (type == ReservoirView.class) return (V) reservoir;
        throw new CapabilityException("no view " + type.getSimpleName(), "");
    }

    /** Test convenience: a forward pass returning fresh outputs. */
    Spi spi() {
        return new Spi();
    }

    final class Spi {
        Tensor forward(double[] theta, Tensor input) {
            Tensor out = Tensor.of(graph.outputNode().type(), input.rows());
            ChainDevice.this.forward.forward(theta, input, out);
            return out;
        }
    }

    void apply(int index, double[] theta, Tensor in, Tensor out) {
        Node n = graph.nodes().get(index);
        int rows = in.rows(), wi = in.width, wo = out.width;
        out.rows(rows);
        switch (n.op()) {
            case "linear" -> {
                int w = n.params().get(0).offset(), b = n.params().get(1).offset();
                for (int r = 0; r < rows; r++)
                    for (int o = 0; o < wo; o++) {
                        double s = theta[b + o];
                        for (int i = 0; i < wi; i++) s += theta[w + o * wi + i] * in.re[r * wi + i];
                        out.re[r * wo + o] = s;
                    }
            }
            case "gain" -> {
                double g = theta[n.params().get(0).offset()];
                for (int i = 0; i < rows * wo; i++) out.re[i] = g * in.re[i];
            }
            case "tanh" -> {
                for (int i = 0; i < rows * wo; i++) out.re[i] = Math.tanh(in.re[i]);
            }
            case "relu" -> {
                for (int i = 0; i < rows * wo; i++) out.re[i] = Math.max(0, in.re[i]);
            }
            case "scale" -> {
                double c = ((Value.Num) n.attrs().get("factor")).value();
                for (int i = 0; i < rows * wo; i++) out.re[i] = c * in.re[i];
            }
            case "square" -> {
                for (int i = 0; i < rows * wo; i++) out.re[i] = in.re[i] * in.re[i];
            }
            case "mask" -> {
                int m = n.params().get(0).offset();
                for (int r = 0; r < rows; r++) for (int i = 0; i < wo; i++) out.re[r * wo + i] = theta[m + i] * in.re[r * wo + i];
            }
            default -> throw new IllegalStateException(n.op());
        }
    }

    /** Reference backprop: ∂L/∂θ for ∂L/∂output {@code outGrad} at the activations of a fresh forward pass. */
    double[] backprop(double[] theta, Tensor input, Tensor outGrad) {
        int rows = input.rows();
        Tape tape = layers.newTape(rows);
        layers.forwardAll(theta, input, tape);
        double[] grad = new double[theta.length];
        Tensor g = outGrad.copy();
        for (int idx = graph.nodes().size() - 1; idx >= 1; idx--) {
            Node n = graph.nodes().get(idx);
            Tensor in = tape.activation(idx - 1), out = tape.activation(idx);
            int wi = in.width, wo = out.width;
            Tensor gi = Tensor.real(rows, wi);
            switch (n.op()) {
                case "linear" -> {
                    int w = n.params().get(0).offset(), b = n.params().get(1).offset();
                    for (int r = 0; r < rows; r++)
                        for (int o = 0; o < wo; o++) {
                            double d = g.re[r * wo + o];
                            grad[b + o] += d;
                            for (int i = 0; i < wi; i++) {
                                grad[w + o * wi + i] += d * in.re[r * wi + i];
                                gi.re[r * wi + i] += d * theta[w + o * wi + i];
                            }
                        }
                }
                case "gain" -> {
                    int off = n.params().get(0).offset();
                    for (int i = 0; i < rows * wo; i++) {
                        grad[off] += g.re[i] * in.re[i];
                        gi.re[i] = g.re[i] * theta[off];
                    }
                }
                case "tanh" -> {
                    for (int i = 0; i < rows * wo; i++) gi.re[i] = g.re[i] * (1 - out.re[i] * out.re[i]);
                }
                case "relu" -> {
                    for (int i = 0; i < rows * wo; i++) gi.re[i] = in.re[i] > 0 ? g.re[i] : 0;
                }
                case "scale" -> {
                    double c = ((Value.Num) n.attrs().get("factor")).value();
                    for (int i = 0; i < rows * wo; i++) gi.re[i] = c * g.re[i];
                }
                case "square" -> {
                    for (int i = 0; i < rows * wo; i++) gi.re[i] = 2 * in.re[i] * g.re[i];
                }
                default -> throw new IllegalStateException(n.op());
            }
            g = gi;
        }
        return grad;
    }
}
