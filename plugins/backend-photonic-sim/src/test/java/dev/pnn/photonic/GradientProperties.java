package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.testkit.AdjointCheck;
import dev.pnn.testkit.GradientCheck;
import dev.pnn.testkit.TaylorTest;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;

import static dev.pnn.photonic.NetBuilder.num;
import static dev.pnn.photonic.NetBuilder.sym;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient-check protocol of ALGORITHMS.md §3 on random small networks built from every block of the
 * backend (≤ 6 modes, ≤ 3 layers, batch ≤ 4), plus the device's forward invariants.
 */
class GradientProperties {

    /** A random network: 1–3 layers, each photonic (modulate → mesh → photodetect) or digital, then take and gain. */
    static Graph randomNet(Rng r) {
        int width = 2 + r.nextInt(5);
        NetBuilder b = new NetBuilder().input("x", ValueType.real(width));
        int layers = 1 + r.nextInt(3);
        for (int l = 0; l < layers; l++) {
            if (r.nextDouble() < 0.6) {
                b.then("mod" + l, "modulate", "mode", sym(r.nextDouble() < 0.5 ? "amplitude" : "phase"));
                if (r.nextDouble() < 0.5) b.then("mesh" + l, "clements", "modes", num(width));
                else b.then("mesh" + l, "reck");
                b.then("det" + l, "photodetect");
            } else {
                width = 2 + r.nextInt(5);
                b.then("lin" + l, "linear", "out", num(width), "bias", new Value.Bool(r.nextDouble() < 0.5));
                double u = r.nextDouble();
                if (u < 0.33) b.then("act" + l, "relu");
                else if (u < 0.66) b.then("act" + l, "tanh");
                else b.then("act" + l, "bias");
            }
        }
        int from = r.nextInt(width);
        int to = from + r.nextInt(width - from);
        b.then("take", "take", "indices", new Value.Range(from, to));
        b.then("logits", "gain", "init", num(1));
        return b.build();
    }

    /** One network with every block: phase and amplitude modulation, both meshes, all digital blocks. */
    static Graph everyBlock() {
        return new NetBuilder().input("x", ValueType.real(4))
                .then("enc", "modulate", "mode", sym("phase"))
                .then("mix", "clements", "modes", num(4))
                .then("det", "photodetect")
                .then("hidden", "linear", "out", num(5))
                .then("act", "relu")
                .then("shift", "bias")
                .then("squash", "tanh")
                .then("enc2", "modulate", "mode", sym("amplitude"))
                .then("mix2", "reck")
                .then("det2", "photodetect")
                .then("pick", "take", "indices", new Value.Range(1, 3))
                .then("logits", "gain", "init", num(2))
                .build();
    }

    static double[] randomTheta(Graph g, Rng r) {
        double[] t = new double[g.paramCount()];
        for (ParamSlice s : g.slices())
            for (int i = s.offset(); i < s.end(); i++)
                t[i] = sample(s, r);
        return t;
    }

    private static double sample(ParamSlice s, Rng r) {
        if (s.init() instanceof Init.Uniform u) return u.low() + (u.high() - u.low()) * r.nextDouble();
        if (s.init() instanceof Init.Normal nrm) return nrm.mean() + nrm.std() * r.nextGaussian();
        // constants (gain, biases) would make every draw the same point: spread them
        return s.name().endsWith(".gamma") ? 0.5 + 1.5 * r.nextDouble() : 0.3 * r.nextGaussian();
    }

    static Tensor randomInput(Graph g, int rows, Rng r) {
        int w = g.inputs().get(0).type().width();
        Tensor x = Tensor.real(rows, w);
        for (int i = 0; i < rows * w; i++) x.re[i] = 2 * r.nextDouble() - 1;
        return x;
    }

    /** A smooth test loss L = (1/B) Σ (c·y + ½y²) and its output gradient. */
    record Probe(Device device, Tensor input, double[] c) {
        TwinView twin() {
            return device.view(TwinView.class);
        }

        double loss(double[] theta) {
            Tensor y = twin().forward(theta, input, twin().newTape(input.rows()));
            double l = 0;
            for (int i = 0; i < y.rows() * y.width; i++) l += c[i] * y.re[i] + 0.5 * y.re[i] * y.re[i];
            return l / input.rows();
        }

        double[] gradient(double[] theta) {
            Tape tape = twin().newTape(input.rows());
            Tensor y = twin().forward(theta, input, tape);
            Tensor g = Tensor.real(y.rows(), y.width);
            for (int i = 0; i < y.rows() * y.width; i++) g.re[i] = (c[i] + y.re[i]) / input.rows();
            double[] grad = new double[theta.length];
            twin().backward(theta, tape, g, grad);
            return grad;
        }

        /** Smallest |pre-activation| over relu inputs (∞ without relu): FD needs a margin from the kink. */
        double reluMargin(double[] theta) {
            Tape tape = twin().newTape(input.rows());
            twin().forward(theta, input, tape);
            Graph g = device.graph();
            double m = Double.POSITIVE_INFINITY;
            for (int i = 0; i < g.nodes().size(); i++) {
                Node n = g.nodes().get(i);
                if (!n.op().equals("relu")) continue;
                Tensor a = tape.activation(g.indexOf(n.inputs().get(0)));
                for (int k = 0; k < a.rows() * a.width; k++) m = Math.min(m, Math.abs(a.re[k]));
            }
            return m;
        }
    }

    static Probe probe(Graph g, Rng r, int rows) {
        Tensor x = randomInput(g, rows, r);
        double[] c = new double[rows * g.outputNode().type().width()];
        for (int i = 0; i < c.length; i++) c[i] = r.nextGaussian();
        return new Probe(NetBuilder.open(g), x, c);
    }

    private static void check(Graph g, long seed, int rows) {
        Rng r = new Rng(seed);
        Probe p = probe(g, r, rows);
        double[] theta = randomTheta(g, r);
        Assume.that(p.reluMargin(theta) > 1e-3);
        double[] grad = p.gradient(theta);
        GradientCheck.check(p::loss, theta, grad, g.slices()).assertPassed();
        TaylorTest.check(p::loss, theta, grad, seed, g.slices()).assertPassed();
    }

    @Property(tries = 80)
    void randomNetworksPassTheGradientCheck(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows) {
        check(randomNet(new Rng(seed)), seed, rows);
    }

    @Property(tries = 40)
    void everyBlockNetworkPassesTheGradientCheck(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows) {
        check(everyBlock(), seed, rows);
    }

    @Property(tries = 40)
    void vjpSatisfiesTheAdjointIdentity(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows) {
        Rng r = new Rng(seed);
        Graph g = r.nextDouble() < 0.5 ? everyBlock() : randomNet(r);
        Probe p = probe(g, r, rows);
        double[] theta = randomTheta(g, r);
        Assume.that(p.reluMargin(theta) > 1e-3);
        TwinView twin = p.twin();
        AdjointCheck.check(th -> {
            Tensor y = twin.forward(th, p.input(), twin.newTape(rows));
            return Arrays.copyOf(y.re, y.rows() * y.width);
        }, (th, w) -> {
            Tape tape = twin.newTape(rows);
            Tensor y = twin.forward(th, p.input(), tape);
            double[] grad = new double[th.length];
            twin.backward(th, tape, Tensor.wrap(w.clone(), null, y.rows(), y.width), grad);
            return grad;
        }, theta, seed, g.slices()).assertPassed();
    }

    @Property(tries = 40)
    void passesDoNotMutateTheirInputsAndAreDeterministic(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int rows) {
        Rng r = new Rng(seed);
        Graph g = randomNet(r);
        Probe p = probe(g, r, rows);
        double[] theta = randomTheta(g, r);
        double[] thetaCopy = theta.clone();
        double[] inputCopy = p.input().re.clone();
        double[] g1 = p.gradient(theta);
        Tensor out1 = Tensor.of(g.outputNode().type(), rows);
        p.device().view(ForwardView.class).forward(theta, p.input(), out1);
        assertArrayEquals(thetaCopy, theta, "θ unchanged");
        assertArrayEquals(inputCopy, p.input().re, "input unchanged");
        Probe again = new Probe(NetBuilder.open(g), p.input(), p.c());
        double[] g2 = again.gradient(theta);
        Tensor out2 = Tensor.of(g.outputNode().type(), rows);
        again.device().view(ForwardView.class).forward(theta, p.input(), out2);
        assertArrayEquals(g1, g2, "same gradient bit for bit");
        assertArrayEquals(out1.re, out2.re, "same forward bit for bit");
    }

    /**
     * Chunking depends on row counts only, so a pass spread over the pool equals, bit for bit, the same pass run
     * on one thread (nested chunk work inside a pool worker runs sequentially).
     */
    @Property(tries = 10)
    void resultsDoNotDependOnTheNumberOfThreads(@ForAll long seed, @ForAll @IntRange(min = 33, max = 130) int rows) {
        Rng r = new Rng(seed);
        Graph g = everyBlock();
        Probe p = probe(g, r, rows);
        double[] theta = randomTheta(g, r);
        double[] parallel = p.gradient(theta);
        double[][] sequential = new double[1][];
        dev.pnn.spi.exec.RowChunks.forEach(2, c -> {
            if (c == 0) sequential[0] = p.gradient(theta);
        });
        assertArrayEquals(parallel, sequential[0]);
    }

    /** The composed-matrix forward (ForwardView) equals the MZI-by-MZI forward (TwinView) within 1e-12. */
    @Property(tries = 40)
    void composedForwardEqualsColumnForward(@ForAll @IntRange(min = 2, max = 16) int n, @ForAll boolean reck,
                                            @ForAll @IntRange(min = 1, max = 80) int rows, @ForAll long seed) {
        Rng r = new Rng(seed);
        NetBuilder b = new NetBuilder().input("x", ValueType.field(n));
        Graph g = (reck ? b.then("mesh", "reck") : b.then("mesh", "clements")).build();
        Device d = NetBuilder.open(g);
        double[] theta = randomTheta(g, r);
        Tensor x = Tensor.complex(rows, n);
        for (int i = 0; i < rows * n; i++) {
            x.re[i] = r.nextGaussian();
            // every third row is real, as amplitude modulation makes it (the composed product has a path for it)
            x.im[i] = (i / n) % 3 == 0 ? 0.0 : r.nextGaussian();
        }
        // the first call on new phases may walk MZI by MZI (small batches); the second one uses the composed matrix
        Tensor first = Tensor.complex(rows, n), composed = Tensor.complex(rows, n);
        d.view(ForwardView.class).forward(theta, x, first);
        d.view(ForwardView.class).forward(theta, x, composed);
        TwinView twin = d.view(TwinView.class);
        Tensor columns = twin.forward(theta, x, twin.newTape(rows));
        for (int i = 0; i < rows * n; i++) {
            assertEquals(columns.re[i], composed.re[i], 1e-12);
            assertEquals(columns.im[i], composed.im[i], 1e-12);
            assertEquals(columns.re[i], first.re[i], 1e-12);
            assertEquals(columns.im[i], first.im[i], 1e-12);
        }
        // changing θ in place must invalidate the cached matrix
        theta[0] += 0.5;
        d.view(ForwardView.class).forward(theta, x, composed);
        d.view(ForwardView.class).forward(theta, x, composed);
        Tensor changed = twin.forward(theta, x, twin.newTape(rows));
        for (int i = 0; i < rows * n; i++) assertEquals(changed.re[i], composed.re[i], 1e-12);
    }

    /** Chunked backward over many rows equals the sum of single-sample gradients (chunk reduction is right). */
    @Property(tries = 15)
    void batchGradientIsTheSumOfSampleGradients(@ForAll long seed, @ForAll @IntRange(min = 33, max = 100) int rows) {
        Rng r = new Rng(seed);
        Graph g = everyBlock();
        Probe p = probe(g, r, rows);
        double[] theta = randomTheta(g, r);
        double[] batch = p.gradient(theta);
        double[] sum = new double[theta.length];
        int w = g.outputNode().type().width();
        for (int b = 0; b < rows; b++) {
            Tensor xi = Tensor.wrap(Arrays.copyOfRange(p.input().re, b * 4, b * 4 + 4), null, 1, 4);
            double[] ci = Arrays.copyOfRange(p.c(), b * w, b * w + w);
            double[] gi = new Probe(p.device(), xi, ci).gradient(theta);
            for (int i = 0; i < sum.length; i++) sum[i] += gi[i] / rows;
        }
        double scale = 0;
        for (double v : sum) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < sum.length; i++) assertEquals(sum[i], batch[i], 1e-12 * Math.max(1, scale), "θ[" + i + "]");
    }
}
