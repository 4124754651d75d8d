package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Direct feedback alignment (ALGORITHMS.md §6). One physical forward pass records every layer's input and
 * pre-activation; the output error e = ∂L/∂output is broadcast to each hidden layer through a fixed random
 * matrix B_l (entries N(0, 1/K)), δ_l = (e B_lᵀ) ⊙ g(a_l), and each layer's update is δ_lᵀh_{l−1}. The last
 * layer gets δ_L = e ⊙ g(a_L), which is backprop's. Plain DFA uses g = f′ of known digital activations (relu,
 * tanh); augmented DFA uses a proxy: a measured slope of the (possibly physical, unmodelled) activation, a
 * constant, or cos a.
 */
final class DfaTrainer implements GradientTrainer {
    private final LayersView layers;
    private final Loss loss;
    private final LayerPlan plan;
    private final Slope slope;
    private final double[][] feedback;
    private final StoredDoubles memory;
    private final int classes;
    private Tape tape;
    private Tensor error, projected, g;
    private final Tensor[] acts;

    DfaTrainer(LayersView layers, Loss loss, LayerPlan plan, Slope slope, double scale, long seed, StoredDoubles memory) {
        this.layers = layers;
        this.loss = loss;
        this.plan = plan;
        this.slope = slope;
        this.memory = memory;
        this.classes = plan.graph.outputNode().type().width();
        this.feedback = new double[plan.layers.size() - 1][];
        double std = scale / Math.sqrt(classes);
        for (int l = 0; l < feedback.length; l++) {
            LayerPlan.Layer layer = plan.layers.get(l);
            Rng rng = Rng.derived(seed, "dfa/feedback/" + layer.id());
            feedback[l] = new double[layer.width() * classes];
            for (int i = 0; i < feedback[l].length; i++) feedback[l][i] = std * rng.nextGaussian();
        }
        this.acts = new Tensor[plan.graph.nodes().size()];
    }

    /** B_l, {@code width × K} row-major; tests overwrite it (B₁ = W₂ᵀ, B = 0). */
    double[] feedback(int layer) {
        return feedback[layer];
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        int rows = batch.size();
        ensure(rows);
        Tensor out = layers.forwardAll(theta, batch.inputs(), tape);
        error.rows(rows);
        double value = loss.evaluate(out, batch, error);
        for (int i = 0; i < acts.length; i++) acts[i] = tape.activation(i);
        Arrays.fill(grad, 0.0);
        int last = plan.layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            LayerPlan.Layer layer = plan.layers.get(l);
            slope.compute(layer, theta, acts, g);
            Tensor delta = projected;
            delta.rows(rows);
            int w = layer.width();
            if (l == last) {
                for (int i = 0; i < rows * w; i++) delta.re[i] = error.re[i] * g.re[i];
            } else {
                double[] bl = feedback[l];
                for (int b = 0; b < rows; b++) {
                    for (int j = 0; j < w; j++) {
                        double s = 0;
                        for (int k = 0; k < classes; k++) s += error.re[b * classes + k] * bl[j * classes + k];
                        delta.re[b * w + j] = s * g.re[b * w + j];
                    }
                }
            }
            layer.accumulate(delta, acts[layer.input()], grad);
        }
        return value;
    }

    private void ensure(int rows) {
        if (tape != null && tape.capacity() >= rows) return;
        tape = layers.newTape(rows);
        int widest = plan.layers.stream().mapToInt(LayerPlan.Layer::width).max().orElse(1);
        error = Tensor.real(rows, classes);
        projected = Tensor.real(rows, widest);
        g = Tensor.real(rows, widest);
        long tapeDoubles = 0;
        for (var n : plan.graph.nodes()) tapeDoubles += (long) rows * n.type().width() * (n.type().domain().complex() ? 2 : 1);
        long b = 0;
        for (double[] f : feedback) b += f.length;
        memory.observe(tapeDoubles + b + (long) rows * (classes + 2L * widest));
    }

    static final class Factory implements TrainerFactory {
        @Override
        public String name() {
            return "dfa";
        }

        @Override
        public String summary() {
            return "direct feedback alignment: output error broadcast to every layer by fixed random matrices (augmented: slope proxy)";
        }

        @Override
        public Set<Capability> requires() {
            return Set.of(Capability.LAYERS);
        }

        @Override
        public TrainerKind kind() {
            return TrainerKind.DESCENT_DIRECTION;
        }

        @Override
        public List<ArgSpec> args() {
            return List.of(
                    ArgSpec.bool("augmented", false, "replace f′ by the proxy g (no knowledge of the activation needed)"),
                    ArgSpec.symbol("g", "measured", List.of("measured", "one", "cos"),
                            "augmented proxy: the slope measured on the device by central differences, 1, or cos a"),
                    ArgSpec.number("eps", 1e-3, "step of the measured slope"),
                    ArgSpec.number("scale", 1.0, "feedback entries are N(0, scale²/K)"));
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            Graph graph = context.graph();
            boolean augmented = args.bool("augmented", false);
            Slope.Mode mode = augmented ? Slope.Mode.valueOf(args.symbol("g", "measured").toUpperCase(Locale.ROOT))
                    : Slope.Mode.EXACT;
            double eps = Arguments.positive(args, "eps", 1e-3);
            double scale = Arguments.nonNegative(args, "scale", 1.0);
            LayerPlan plan = LayerPlan.of(graph, "dfa");
            if (graph.outputNode().type().domain().complex())
                throw new PnnException("dfa: the network output is " + graph.outputNode().type() + "; the error must be real",
                        graph.outputNode().loc(), "detect the output (photodetect)");
            LayersView layers = context.device().view(LayersView.class);
            Slope slope = new Slope(mode, eps, layers, graph);
            for (LayerPlan.Layer l : plan.layers) slope.check(l, "dfa");
            LayerPlan.Layer last = plan.last();
            if (graph.nodes().get(last.out()).type().width() != last.width())
                throw new PnnException("dfa: the last layer '" + last.id() + "' is followed by a block that changes the width",
                        graph.outputNode().loc(), "end the network with the last linear layer or an elementwise activation");
            return new DfaTrainer(layers, context.loss(), plan, slope, scale, context.seed(), new StoredDoubles(context));
        }
    }
}
