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
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.Value;
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
 * Local learning (ALGORITHMS.md §7): forward-forward ({@code ffa}) and physical local learning ({@code phyll}).
 * Every hidden layer learns from its own objective on a positive pass (true label written over the first K
 * inputs, scaled to max|x|) and a negative pass (a uniformly drawn wrong label); no error crosses layers. The
 * passes run block by block on the device ({@code runNode}), FF feeding each block the previous output scaled to
 * unit norm.
 *
 * <p>The last layer, the network's output, is a read-out head trained on the plan's loss from one ordinary
 * forward pass of the unlabelled input, with its input taken as measured (no error reaches the hidden layers).
 * This is the "linear classifier on the FF activities" of Hinton's paper rather than FF's goodness-per-label
 * inference, chosen so that FF/PhyLL networks are evaluated like every other network (argmax of the output).
 */
final class LocalTrainer implements GradientTrainer {
    private final LayersView layers;
    private final Loss loss;
    private final LayerPlan plan;
    private final Slope slope;
    private final LocalObjective objective;
    private final Rng negatives;
    private final StoredDoubles memory;
    private final int classes, nodes;
    /** The input positions the label is written to (the first K unless the plan says otherwise). */
    private final int[] labelInputs;
    /** Local SPSA over the parameters of physical (unmodelled) blocks: perturbation size and direction stream. */
    private final double spsaC;
    private final Rng directions;
    private double[] probe = new double[0], delta = new double[0];
    private Tensor[] spsaPos, spsaNeg;
    private int capacity;
    private Tensor posIn, negIn, error, gradOut;
    private Tensor[] posActs, negActs, posNext, negNext, gradPos, gradNeg, slopes;
    private Tape tape;
    private int[] wrong;

    LocalTrainer(LayersView layers, Loss loss, LayerPlan plan, Slope slope, LocalObjective objective, long seed,
                 StoredDoubles memory, int[] labelInputs, double spsaC) {
        this.labelInputs = labelInputs;
        this.spsaC = spsaC;
        this.directions = Rng.derived(seed, "local-spsa");
        this.layers = layers;
        this.loss = loss;
        this.plan = plan;
        this.slope = slope;
        this.objective = objective;
        this.negatives = Rng.derived(seed, "neg");
        this.memory = memory;
        this.classes = plan.graph.outputNode().type().width();
        this.nodes = plan.graph.nodes().size();
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        int rows = batch.size();
        ensure(rows);
        int[] labels = labels(batch);
        for (int b = 0; b < rows; b++) wrong[b] = (labels[b] + 1 + negatives.nextInt(classes - 1)) % classes;
        Arrays.fill(grad, 0.0);
        localPasses(theta, batch, wrong, grad, null);
        return head(theta, batch, grad);
    }

    /** The negative-label and local-SPSA direction streams; empty (a checkpoint from before) leaves both fresh. */
    @Override
    public long[] state() {
        return new SavedState().add(negatives.state()).add(directions.state()).toArray();
    }

    @Override
    public void restore(long[] state) {
        if (state.length == 0) return;
        SavedState.Reader r = new SavedState.Reader(state, "local learning");
        long[] neg = r.nextLongs(), dir = r.nextLongs();
        r.done();
        negatives.restore(neg);
        directions.restore(dir);
    }

    private int[] labels(Batch batch) {
        if (batch.labels() == null)
            throw new PnnException("local learning needs class labels (positive and negative passes embed a label)",
                    "use a classification data set with this trainer");
        return batch.labels();
    }

    /**
     * The positive and negative passes through every hidden layer, adding each layer's local gradient into
     * {@code grad}; when {@code layerLosses} is non-null writes ℓ_l per hidden layer. {@code wrongLabels} are the
     * negatives' labels.
     */
    void localPasses(double[] theta, Batch batch, int[] wrongLabels, double[] grad, double[] layerLosses) {
        int rows = batch.size();
        ensure(rows);
        int[] labels = labels(batch);
        embed(batch.inputs(), labels, posIn, rows);
        embed(batch.inputs(), wrongLabels, negIn, rows);
        Tensor pos = posIn, neg = negIn;
        for (int idx : plan.prefix) {
            pos = run(idx, theta, pos, posActs[idx], rows);
            neg = run(idx, theta, neg, negActs[idx], rows);
        }
        int hidden = plan.layers.size() - 1;
        for (int l = 0; l < hidden; l++) {
            LayerPlan.Layer layer = plan.layers.get(l);
            Tensor hPos = pos, hNeg = neg;
            Tensor oPos = run(layer.node(), theta, hPos, posActs[layer.node()], rows);
            Tensor oNeg = run(layer.node(), theta, hNeg, negActs[layer.node()], rows);
            for (int idx : layer.chain()) {
                oPos = run(idx, theta, oPos, posActs[idx], rows);
                oNeg = run(idx, theta, oNeg, negActs[idx], rows);
            }
            Tensor gp = gradPos[layer.out()], gn = gradNeg[layer.out()];
            double ell = objective.evaluate(oPos, oNeg, gp, gn);
            if (layerLosses != null) layerLosses[l] = ell;
            if (layer.op() == LayerPlan.Op.PHYSICAL) {
                localSpsa(layer, theta, hPos, hNeg, rows, grad);
            } else {
                Tensor g = slopes[layer.node()];
                // δ = ∂ℓ/∂o ⊙ g, written over the output gradient buffers (they are not needed afterwards)
                slope.compute(layer, theta, posActs, g);
                for (int i = 0; i < rows * layer.width(); i++) gp.re[i] *= g.re[i];
                slope.compute(layer, theta, negActs, g);
                for (int i = 0; i < rows * layer.width(); i++) gn.re[i] *= g.re[i];
                layer.accumulate(gp, hPos, grad);
                layer.accumulate(gn, hNeg, grad);
            }
            if (objective.normalizesBetweenBlocks()) {
                pos = unitRows(oPos, posNext[l], rows);
                neg = unitRows(oNeg, negNext[l], rows);
            } else {
                pos = oPos;
                neg = oNeg;
            }
            for (int idx : plan.bridges[l]) {
                pos = run(idx, theta, pos, posActs[idx], rows);
                neg = run(idx, theta, neg, negActs[idx], rows);
            }
        }
    }

    /**
     * ∂ℓ_l/∂θ_l of a physical block by SPSA over its own parameters only (ALGORITHMS.md §7, forward-only): the
     * block alone is run again on the same positive and negative inputs at θ_l ± cΔ.
     */
    private void localSpsa(LayerPlan.Layer layer, double[] theta, Tensor hPos, Tensor hNeg, int rows, double[] grad) {
        if (probe.length != theta.length) probe = new double[theta.length];
        int from = layer.weight(), n = layer.paramCount();
        if (delta.length < n) delta = new double[n];
        System.arraycopy(theta, 0, probe, 0, theta.length);
        for (int i = 0; i < n; i++) delta[i] = directions.nextSign();
        for (int i = 0; i < n; i++) probe[from + i] = theta[from + i] + spsaC * delta[i];
        double plus = blockLoss(layer, probe, hPos, hNeg, rows);
        for (int i = 0; i < n; i++) probe[from + i] = theta[from + i] - spsaC * delta[i];
        double minus = blockLoss(layer, probe, hPos, hNeg, rows);
        double s = (plus - minus) / (2 * spsaC);
        for (int i = 0; i < n; i++) grad[from + i] += s * delta[i];
    }

    private double blockLoss(LayerPlan.Layer layer, double[] theta, Tensor hPos, Tensor hNeg, int rows) {
        Tensor oPos = run(layer.node(), theta, hPos, spsaPos[layer.node()], rows);
        Tensor oNeg = run(layer.node(), theta, hNeg, spsaNeg[layer.node()], rows);
        for (int idx : layer.chain()) {
            oPos = run(idx, theta, oPos, spsaPos[idx], rows);
            oNeg = run(idx, theta, oNeg, spsaNeg[idx], rows);
        }
        // the block's own output gradients are not needed here; the slope buffers serve as scratch
        return objective.evaluate(oPos, oNeg, spsaPos[0], spsaNeg[0]);
    }

    /** The output layer on the plan's loss, from a plain forward pass of the unlabelled input. */
    private double head(double[] theta, Batch batch, double[] grad) {
        int rows = batch.size();
        Tensor out = layers.forwardAll(theta, batch.inputs(), tape);
        error.rows(rows);
        double value = loss.evaluate(out, batch, error);
        LayerPlan.Layer last = plan.last();
        Tensor[] acts = new Tensor[nodes];
        for (int i = 0; i < nodes; i++) acts[i] = tape.activation(i);
        Tensor g = slopes[last.node()];
        slope.compute(last, theta, acts, g);
        gradOut.rows(rows);
        for (int i = 0; i < rows * last.width(); i++) gradOut.re[i] = error.re[i] * g.re[i];
        last.accumulate(gradOut, acts[last.input()], grad);
        return value;
    }

    private Tensor run(int node, double[] theta, Tensor in, Tensor out, int rows) {
        out.rows(rows);
        layers.runNode(node, theta, new Tensor[]{in}, out);
        return out;
    }

    /** The label inputs overwritten by s·onehot(label), s = max|x| of the sample (1 for an all-zero sample). */
    private void embed(Tensor x, int[] labels, Tensor into, int rows) {
        into.rows(rows);
        int w = x.width;
        System.arraycopy(x.re, 0, into.re, 0, rows * w);
        for (int b = 0; b < rows; b++) {
            double s = 0;
            for (int j = 0; j < w; j++) s = Math.max(s, Math.abs(x.re[b * w + j]));
            if (s == 0) s = 1;
            for (int k = 0; k < classes; k++) into.re[b * w + labelInputs[k]] = k == labels[b] ? s : 0;
        }
    }

    private static Tensor unitRows(Tensor src, Tensor dst, int rows) {
        dst.rows(rows);
        int w = src.width;
        for (int b = 0; b < rows; b++) {
            double n = 0;
            for (int j = 0; j < w; j++) n += src.re[b * w + j] * src.re[b * w + j];
            double inv = n == 0 ? 0 : 1 / Math.sqrt(n);
            for (int j = 0; j < w; j++) dst.re[b * w + j] = src.re[b * w + j] * inv;
        }
        return dst;
    }

    private void ensure(int rows) {
        if (rows <= capacity) return;
        capacity = rows;
        List<Node> ns = plan.graph.nodes();
        int inWidth = ns.get(0).type().width();
        posIn = Tensor.real(rows, inWidth);
        negIn = Tensor.real(rows, inWidth);
        posActs = new Tensor[nodes];
        negActs = new Tensor[nodes];
        gradPos = new Tensor[nodes];
        gradNeg = new Tensor[nodes];
        slopes = new Tensor[nodes];
        long doubles = 2L * rows * inWidth;
        for (int i = 1; i < nodes; i++) {
            posActs[i] = Tensor.of(ns.get(i).type(), rows);
            negActs[i] = Tensor.of(ns.get(i).type(), rows);
            doubles += 2L * rows * ns.get(i).type().width() * (ns.get(i).type().domain().complex() ? 2 : 1);
        }
        posNext = new Tensor[plan.layers.size()];
        negNext = new Tensor[plan.layers.size()];
        spsaPos = new Tensor[nodes];
        spsaNeg = new Tensor[nodes];
        int widestOut = 1;
        for (int l = 0; l < plan.layers.size(); l++) {
            LayerPlan.Layer layer = plan.layers.get(l);
            int outWidth = ns.get(layer.out()).type().width();
            widestOut = Math.max(widestOut, outWidth);
            gradPos[layer.out()] = Tensor.real(rows, outWidth);
            gradNeg[layer.out()] = Tensor.real(rows, outWidth);
            posNext[l] = Tensor.real(rows, outWidth);
            negNext[l] = Tensor.real(rows, outWidth);
            doubles += 4L * rows * outWidth;
            if (layer.op() == LayerPlan.Op.PHYSICAL) {
                spsaPos[layer.node()] = Tensor.of(ns.get(layer.node()).type(), rows);
                spsaNeg[layer.node()] = Tensor.of(ns.get(layer.node()).type(), rows);
                for (int idx : layer.chain()) {
                    spsaPos[idx] = Tensor.of(ns.get(idx).type(), rows);
                    spsaNeg[idx] = Tensor.of(ns.get(idx).type(), rows);
                }
                doubles += 2L * layer.paramCount() + 2L * rows * outWidth;
            } else {
                slopes[layer.node()] = Tensor.real(rows, layer.width());
                doubles += (long) rows * layer.width();
            }
        }
        // scratch gradient buffers for the SPSA block losses
        spsaPos[0] = Tensor.real(rows, widestOut);
        spsaNeg[0] = Tensor.real(rows, widestOut);
        error = Tensor.real(rows, classes);
        gradOut = Tensor.real(rows, classes);
        tape = layers.newTape(rows);
        wrong = new int[rows];
        for (Node n : ns) doubles += (long) rows * n.type().width() * (n.type().domain().complex() ? 2 : 1);
        memory.observe(doubles + 2L * rows * classes);
    }

    /** {@code ffa} and {@code phyll}: the same machinery with different block objectives. */
    static final class Factory implements TrainerFactory {
        private final boolean phyll;

        Factory(boolean phyll) {
            this.phyll = phyll;
        }

        @Override
        public String name() {
            return phyll ? "phyll" : "ffa";
        }

        @Override
        public String summary() {
            return phyll ? "physical local learning: per-layer cosine contrast of positive and negative passes, no layer norm"
                    : "forward-forward: per-layer goodness of positive vs negative passes, unit-norm between layers";
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
            return phyll ? List.of(
                    ArgSpec.number("alpha", 10.0, "sharpness α of softplus(α(cos − m))"),
                    ArgSpec.number("margin", 0.0, "margin m (keep ≥ 0 for nonnegative intensities)"),
                    derivative(), eps(), labelInputs(), spsaC())
                    : List.of(
                    ArgSpec.number("alpha", 1.0, "sharpness α of the goodness logistic"),
                    ArgSpec.number("threshold", 1.0, "goodness threshold τ (mean square activation)"),
                    derivative(), eps(), labelInputs(), spsaC());
        }

        private static ArgSpec derivative() {
            return ArgSpec.symbol("derivative", "exact", List.of("exact", "measured"),
                    "slope of each layer's activation: exact (relu, tanh) or measured on the device by central differences");
        }

        private static ArgSpec spsaC() {
            return ArgSpec.number("spsa_c", 0.01,
                    "perturbation size of the local SPSA that trains physical blocks (meshes) without a model");
        }

        private static ArgSpec labelInputs() {
            return ArgSpec.list("label_inputs", new Value.ListV(List.of()),
                    "input positions that carry the embedded label, one per class; [] = the first K inputs");
        }

        private static ArgSpec eps() {
            return ArgSpec.number("eps", 1e-3, "step of the measured slope");
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            Graph graph = context.graph();
            String name = name();
            LocalObjective objective = phyll
                    ? new LocalObjective.Cosine(Arguments.positive(args, "alpha", 10.0), Arguments.nonNegative(args, "margin", 0.0))
                    : new LocalObjective.Goodness(Arguments.positive(args, "alpha", 1.0), args.number("threshold", 1.0));
            Slope.Mode mode = Slope.Mode.valueOf(args.symbol("derivative", "exact").toUpperCase(Locale.ROOT));
            LayerPlan plan = LayerPlan.of(graph, name, true).endingAtLastRealNode(name);
            int classes = graph.outputNode().type().width();
            int inWidth = graph.nodes().get(0).type().width();
            if (classes < 2 || inWidth < classes)
                throw new PnnException(name + ": the label is written over the first " + classes + " of "
                        + inWidth + " inputs; the network needs at least as many inputs as classes (and 2 classes)",
                        graph.loc(), "");
            if (graph.nodes().get(0).type().domain().complex())
                throw new PnnException(name + ": the network input must be real to embed a label", graph.loc(), "");
            int[] labelInputs = labelInputs(args, name, classes, inWidth);
            LayersView layers = context.device().view(LayersView.class);
            Slope slope = new Slope(mode, Arguments.positive(args, "eps", 1e-3), layers, graph);
            for (LayerPlan.Layer l : plan.layers) {
                Node out = graph.nodes().get(l.out());
                if (out.type().domain().complex())
                    throw new PnnException(name + ": block '" + l.id() + "' ends in " + out.type() + " at '" + out.id()
                            + "'; the local objective compares real outputs", out.loc(), "detect it first (photodetect)");
                if (l.op() != LayerPlan.Op.PHYSICAL) slope.check(l, name);
            }
            LayerPlan.Layer last = plan.last();
            if (graph.nodes().get(last.out()).type().width() != last.width())
                throw new PnnException(name + ": the output layer '" + last.id() + "' is followed by a block that changes the width",
                        graph.outputNode().loc(), "end the network with a linear layer");
            return new LocalTrainer(layers, context.loss(), plan, slope, objective, context.seed(), new StoredDoubles(context),
                    labelInputs, Arguments.positive(args, "spsa_c", 0.01));
        }

        private static int[] labelInputs(Args args, String name, int classes, int inWidth) {
            List<Integer> given = args.has("label_inputs") ? args.ints("label_inputs") : List.of();
            if (given.isEmpty()) {
                int[] first = new int[classes];
                for (int k = 0; k < classes; k++) first[k] = k;
                return first;
            }
            if (given.size() != classes || given.stream().distinct().count() != classes
                    || given.stream().anyMatch(i -> i < 0 || i >= inWidth))
                throw new PnnException(name + ": label_inputs must list " + classes + " distinct input positions in 0.."
                        + (inWidth - 1) + ", got " + given, "e.g. " + name + "(label_inputs: [0, 8, 16, ...]) with one position per class");
            return given.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
