package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.ReservoirView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;
import dev.pnn.spi.train.UpdateTrainer;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code trainer = readout(lambda: 1e-3)}: reservoir computing / extreme learning machine (ALGORITHMS.md §14).
 * The network's output node must be a {@code linear} layer; everything before it is the fixed physical system,
 * whose features of the whole training set are measured once and fitted by ridge regression in closed form
 * (bias not penalized). The parameters before the readout are never changed.
 */
final class ReadoutTrainer implements UpdateTrainer {
    private static final int CHUNK = 256;

    private final ReservoirView reservoir;
    private final Loss loss;
    private final ReadoutLayer layer;
    private final double lambda;
    private final Ridge.Form form;
    private final StoredDoubles memory;
    private Tensor features, logits;
    private Ridge.Solution solution;
    /** θ holds the fit: set by {@link #prepare}, or by {@link #restore} in a resumed run (which is not prepared). */
    private boolean fitted;

    ReadoutTrainer(ReservoirView reservoir, Loss loss, ReadoutLayer layer, double lambda, Ridge.Form form,
                   StoredDoubles memory) {
        this.reservoir = reservoir;
        this.loss = loss;
        this.layer = layer;
        this.lambda = lambda;
        this.form = form;
        this.memory = memory;
    }

    /** The trained output layer: where its weights sit in θ and where its features come from. */
    record ReadoutLayer(int featureNode, int m, int k, int weightOffset, int biasOffset) {
        static ReadoutLayer of(Graph graph) {
            Node out = graph.outputNode();
            if (!out.op().equals("linear"))
                throw new PnnException("readout: the output node '" + out.id() + "' is a '" + out.op()
                        + "' block; the readout trainer fits a final linear layer", out.loc(),
                        "end the network with e.g. 'output logits = linear(features, out: 10);'");
            if (out.inputs().size() != 1)
                throw new PnnException("readout: linear node '" + out.id() + "' must have one input", out.loc(), "");
            int weight = -1, bias = -1;
            for (ParamSlice s : out.params()) {
                if (s.name().endsWith(".weight")) weight = s.offset();
                else if (s.name().endsWith(".bias")) bias = s.offset();
            }
            int featureNode = graph.indexOf(out.inputs().get(0));
            int m = graph.nodes().get(featureNode).type().width();
            if (graph.nodes().get(featureNode).type().domain().complex())
                throw new PnnException("readout: the features feeding '" + out.id() + "' are complex ("
                        + graph.nodes().get(featureNode).type() + ")", out.loc(), "detect them first, e.g. photodetect(...)");
            if (weight < 0) throw new PnnException("readout: linear node '" + out.id() + "' has no weight slice", out.loc(), "");
            return new ReadoutLayer(featureNode, m, out.type().width(), weight, bias);
        }

        boolean hasBias() {
            return biasOffset >= 0;
        }
    }

    @Override
    public void prepare(double[] theta, Examples train) {
        int n = train.size(), m = layer.m(), k = layer.k();
        double[] phi = new double[n * m];
        double[] y = targets(train, n, k);
        Batch chunk = train.newBatch(Math.min(CHUNK, Math.max(n, 1)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        ensureBuffers(chunk.inputs().capacity());
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            train.fill(order, from, to, chunk);
            reservoir.features(theta, layer.featureNode(), chunk.inputs(), features);
            System.arraycopy(features.re, 0, phi, from * m, (to - from) * m);
        }
        solution = Ridge.solve(phi, n, m, y, k, lambda, layer.hasBias(), form);
        long systemSize = solution.form() == Ridge.Form.PRIMAL ? (long) (m + 1) * (m + 1) : (long) n * n;
        memory.observe((long) n * m + (long) n * k + systemSize + (long) m * k);
        write(theta);
        fitted = true;
    }

    @Override
    public long[] state() {
        return new long[]{fitted ? 1 : 0};
    }

    /** A resumed run's θ already holds the readout fitted before the checkpoint; empty means an older checkpoint, whose θ does too. */
    @Override
    public void restore(long[] state) {
        if (state.length > 1) throw new IllegalArgumentException("readout state is one flag, got " + state.length + " values");
        fitted = state.length == 0 || state[0] != 0;
    }

    private double[] targets(Examples train, int n, int k) {
        double[] y = new double[n * k];
        if (train.isClassification()) {
            for (int i = 0; i < n; i++) {
                int c = train.labels()[i];
                if (c < 0 || c >= k)
                    throw new PnnException("readout: label " + c + " does not fit the " + k + " outputs of the readout",
                            "make the output layer as wide as the number of classes");
                y[i * k + c] = 1.0;
            }
        } else {
            if (train.targetWidth() != k)
                throw new PnnException("readout: targets have width " + train.targetWidth() + " but the readout has "
                        + k + " outputs", "make the output layer as wide as the targets");
            System.arraycopy(train.targets(), 0, y, 0, n * k);
        }
        return y;
    }

    /** θ's readout slice from the ridge solution: weight [k, m] row-major is Wᵀ. */
    private void write(double[] theta) {
        int m = layer.m(), k = layer.k();
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < m; i++) theta[layer.weightOffset() + o * m + i] = solution.w()[i * k + o];
            if (layer.hasBias()) theta[layer.biasOffset() + o] = solution.bias()[o];
        }
    }

    /**
     * The readout is solved once in {@link #prepare}; each batch only measures its loss (one query per sample),
     * so plans use {@code epochs = 1}. θ is left unchanged.
     */
    @Override
    public double update(double[] theta, Batch batch) {
        if (!fitted)
            throw new PnnException("readout: update before prepare", "the training loop must call prepare(θ, train) first");
        int n = batch.size(), m = layer.m(), k = layer.k();
        ensureBuffers(n);
        reservoir.features(theta, layer.featureNode(), batch.inputs(), features);
        logits.rows(n);
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < k; o++) {
                double s = layer.hasBias() ? theta[layer.biasOffset() + o] : 0;
                int wRow = layer.weightOffset() + o * m;
                for (int i = 0; i < m; i++) s += theta[wRow + i] * features.re[r * m + i];
                logits.re[r * k + o] = s;
            }
        }
        return loss.evaluate(logits, batch, null);
    }

    private void ensureBuffers(int rows) {
        if (features == null || features.capacity() < rows) {
            features = Tensor.real(rows, layer.m());
            logits = Tensor.real(rows, layer.k());
        }
    }

    static final class Factory implements TrainerFactory {
        @Override
        public String name() {
            return "readout";
        }

        @Override
        public String summary() {
            return "ridge-regression readout on fixed physical features (reservoir / extreme learning machine), solved once";
        }

        @Override
        public Set<Capability> requires() {
            return Set.of(Capability.RESERVOIR);
        }

        @Override
        public TrainerKind kind() {
            return TrainerKind.DIRECT_UPDATE;
        }

        @Override
        public List<ArgSpec> args() {
            return List.of(
                    ArgSpec.number("lambda", 1e-3, "ridge penalty λ on the weights (the bias is not penalized); features are not rescaled"),
                    ArgSpec.symbol("form", "auto", List.of("auto", "primal", "dual"), "normal equations in feature space (primal) or sample space (dual); auto picks the smaller"));
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            double lambda = Arguments.nonNegative(args, "lambda", 1e-3);
            Ridge.Form form = Ridge.Form.valueOf(args.symbol("form", "auto").toUpperCase(Locale.ROOT));
            ReadoutLayer layer = ReadoutLayer.of(context.graph());
            return new ReadoutTrainer(context.device().view(ReservoirView.class), context.loss(), layer, lambda, form,
                    new StoredDoubles(context));
        }
    }
}
