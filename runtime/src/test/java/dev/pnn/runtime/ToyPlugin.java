package dev.pnn.runtime;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.SettingSpec;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.noise.SignalNoise;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.Optimizer;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny but real plugin for runtime tests: a digital {@code affine} block on a {@code toy_sim} backend with
 * forward and twin views, a plain backprop trainer, a momentum optimizer, cross-entropy, Gaussian blobs, and
 * trainers that misbehave on purpose (NaN at a chosen step, a peek at an undeclared view).
 */
final class ToyPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "toy";
    }

    @Override
    public List<BlockType> blocks() {
        return List.of(new BlockType() {
            public String name() { return "affine"; }
            public String module() { return "core"; }
            public List<Domain> inputs() { return List.of(Domain.REAL); }
            public Domain output() { return Domain.REAL; }
            public List<ArgSpec> args() { return List.of(ArgSpec.integer("out", null, "output width")); }
            public Shaping shape(List<ValueType> in, Args a) {
                int out = a.integer("out"), n = in.get(0).width();
                return Shaping.Ok.of(out, ParamSpec.weights("weight", List.of(out, n), new Init.Normal(0, 0.5)),
                        ParamSpec.weights("bias", List.of(out), new Init.Constant(0)));
            }
        });
    }

    @Override
    public List<Backend> backends() {
        return List.of(new Backend() {
            public String name() { return "toy_sim"; }
            public Set<Capability> capabilities() { return Set.of(Capability.FORWARD, Capability.TWIN); }
            public Set<String> blocks() { return Set.of("affine"); }
            public List<SettingSpec> settings() { return List.of(SettingSpec.noise("readout", List.of("signal"), "output noise")); }
            public Device open(DeviceRequest r) { return new ToyDevice(r); }
        });
    }

    @Override
    public List<TrainerFactory> trainers() {
        return List.of(trainer("toy_gd", Set.of(Capability.TWIN), (a, ctx) -> backprop(ctx, -1)),
                trainer("nan_after", Set.of(Capability.TWIN), (a, ctx) -> backprop(ctx, a.integer("step", -1))),
                trainer("peeker", Set.of(Capability.FORWARD), (a, ctx) -> (GradientTrainer) (theta, batch, grad) -> {
                    ctx.device().view(TwinView.class);
                    return 0;
                }),
                trainer("broken", Set.of(Capability.TWIN), (a, ctx) -> (GradientTrainer) (theta, batch, grad) -> {
                    throw new IllegalStateException("index out of tune");
                }),
                trainer("toy_search", Set.of(Capability.FORWARD), (a, ctx) -> randomSearch(ctx)),
                trainer("needs_energy", Set.of(Capability.ENERGY), (a, ctx) -> backprop(ctx, -1)),
                trainer("scorer", Set.of(Capability.TWIN), (a, ctx) -> scorer(ctx)));
    }

    /** toy_gd that also scores its final θ (its norm). */
    private static Trainer scorer(TrainerContext ctx) {
        GradientTrainer base = (GradientTrainer) backprop(ctx, -1);
        return new GradientTrainer() {
            public double gradient(double[] theta, Batch batch, double[] grad) { return base.gradient(theta, batch, grad); }
            public Map<String, Double> finalScores(double[] theta, Device evaluation) {
                double n = 0;
                for (double v : theta) n += v * v;
                Map<String, Double> m = new java.util.LinkedHashMap<>();
                m.put("theta_norm", Math.sqrt(n));
                return m;
            }
        };
    }

    private interface Make {
        Trainer make(Args a, TrainerContext ctx);
    }

    private static TrainerFactory trainer(String name, Set<Capability> requires, Make make) {
        return new TrainerFactory() {
            public String name() { return name; }
            public Set<Capability> requires() { return requires; }
            public TrainerKind kind() { return TrainerKind.EXACT_GRADIENT; }
            public List<ArgSpec> args() { return List.of(ArgSpec.integer("step", -1, "NaN at this call")); }
            public Trainer create(Args a, TrainerContext ctx) { return make.make(a, ctx); }
        };
    }

    /** Backprop through the device's twin; returns NaN instead of the loss at call {@code nanAt} (0-based). */
    private static GradientTrainer backprop(TrainerContext ctx, int nanAt) {
        TwinView twin = ctx.device().view(TwinView.class);
        Tape tape = twin.newTape(512);
        int[] calls = {0};
        return (theta, batch, grad) -> {
            Tensor out = twin.forward(theta, batch.inputs(), tape);
            Tensor g = Tensor.of(ctx.graph().outputNode().type(), out.rows());
            double loss = ctx.loss().evaluate(out, batch, g);
            java.util.Arrays.fill(grad, 0);
            twin.backward(theta, tape, g, grad);
            return calls[0]++ == nanAt ? Double.NaN : loss;
        };
    }

    /** How often {@code toy_search} was prepared (the runtime must prepare a fresh run once, a resumed one never). */
    static final java.util.concurrent.atomic.AtomicInteger PREPARED = new java.util.concurrent.atomic.AtomicInteger();

    /** An update trainer: tries one seeded random step per batch and keeps it when the batch loss falls. */
    private static dev.pnn.spi.train.UpdateTrainer randomSearch(TrainerContext ctx) {
        ForwardView fw = ctx.device().view(ForwardView.class);
        Rng rng = new Rng(ctx.seed());
        Tensor out = Tensor.of(ctx.graph().outputNode().type(), 512);
        return new dev.pnn.spi.train.UpdateTrainer() {
            double lossAt(double[] theta, Batch batch) {
                fw.forward(theta, batch.inputs(), out);
                return ctx.loss().evaluate(out, batch, null);
            }

            @Override
            public double update(double[] theta, Batch batch) {
                double before = lossAt(theta, batch);
                double[] candidate = theta.clone();
                for (int i = 0; i < candidate.length; i++) candidate[i] += 0.1 * rng.nextGaussian();
                if (lossAt(candidate, batch) < before) System.arraycopy(candidate, 0, theta, 0, theta.length);
                return before;
            }

            @Override
            public void prepare(double[] theta, Examples train) {
                PREPARED.incrementAndGet();
            }

            @Override
            public long[] state() {
                return rng.state();
            }

            @Override
            public void restore(long[] state) {
                if (state.length != 0) rng.restore(state); // empty: a checkpoint from before trainer state
            }
        };
    }

    @Override
    public List<OptimizerFactory> optimizers() {
        return List.of(new OptimizerFactory() {
            public String name() { return "toy_momentum"; }
            public List<ArgSpec> args() {
                return List.of(ArgSpec.number("lr", 0.1, ""), ArgSpec.number("beta", 0.9, ""),
                        ArgSpec.bool("report_zero", false, "report all-zero parameters as the averaged result"));
            }
            public Optimizer create(Args a, List<ParamSlice> layout, int n) {
                double lr = a.number("lr", 0.1), beta = a.number("beta", 0.9);
                boolean reportZero = a.bool("report_zero", false);
                double[] v = new double[n];
                return new Optimizer() {
                    public void step(double[] theta, double[] grad) {
                        for (int i = 0; i < n; i++) {
                            v[i] = beta * v[i] + grad[i];
                            theta[i] -= lr * v[i];
                        }
                    }
                    public void startEpoch(int epoch) { }
                    public double[] averaged(double[] theta) { return reportZero ? new double[n] : theta.clone(); }
                    public double learningRate() { return lr; }
                    public double[] state() { return v.clone(); }
                    public void restore(double[] s) { System.arraycopy(s, 0, v, 0, n); }
                };
            }
        });
    }

    @Override
    public List<LossFactory> losses() {
        return List.of(new LossFactory() {
            public String name() { return "toy_ce"; }
            public boolean needsLabels() { return true; }
            public Loss create(Args a) { return ToyPlugin::crossEntropy; }
        });
    }

    static double crossEntropy(Tensor z, Batch batch, Tensor grad) {
        int b = z.rows(), k = z.width;
        double total = 0;
        for (int r = 0; r < b; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, z.re[r * k + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(z.re[r * k + j] - m);
            double lse = m + Math.log(s);
            total += lse - z.re[r * k + batch.labels()[r]];
            if (grad != null) {
                for (int j = 0; j < k; j++)
                    grad.re[r * k + j] = (Math.exp(z.re[r * k + j] - lse) - (j == batch.labels()[r] ? 1 : 0)) / b;
            }
        }
        return total / b;
    }

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new DatasetFactory() {
            public String name() { return "toy_blobs"; }
            public List<ArgSpec> args() {
                return List.of(ArgSpec.integer("n", 300, ""), ArgSpec.integer("seed", 1, ""), ArgSpec.string("path", "", ""));
            }
            public DataSplit load(Args a, Path baseDir) {
                if (!a.symbol("path", "").isEmpty())
                    throw new PnnException("cannot read " + baseDir.resolve(a.symbol("path", "")), "toy data is generated");
                return blobs(a.integer("n", 300), a.integer("seed", 1));
            }
        });
    }

    /** Three Gaussian blobs in 4 dimensions; three quarters train, one quarter test. */
    static DataSplit blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int d = 0; d < 4; d++) x[i * 4 + d] = (d == y[i] ? 2.0 : 0.0) + 0.7 * rng.nextGaussian();
        }
        Examples all = new Examples(x, 4, y, 3, null, 0);
        int cut = n * 3 / 4;
        int[] tr = new int[cut], te = new int[n - cut];
        for (int i = 0; i < n; i++) if (i < cut) tr[i] = i; else te[i - cut] = i;
        return new DataSplit(all.subset(tr), all.subset(te));
    }

    @Override
    public List<NoiseModelFactory> noiseModels() {
        return List.of(new NoiseModelFactory() {
            public String name() { return "toy_offset"; }
            public List<ArgSpec> args() { return List.of(ArgSpec.number("by", 0.0, "")); }
            public Set<String> roles() { return Set.of("signal"); }
            public NoiseModel create(Args a) {
                double by = a.number("by", 0);
                return new SignalNoise() {
                    public String describe() { return "toy_offset(by: " + by + ")"; }
                    public boolean isIdeal() { return by == 0; }
                    public void apply(double[] v, int off, int len, Rng rng) { for (int i = off; i < off + len; i++) v[i] += by; }
                };
            }
        }, new NoiseModelFactory() {
            public String name() { return "toy_jitter"; }
            public List<ArgSpec> args() { return List.of(ArgSpec.number("sigma", 0.0, "")); }
            public Set<String> roles() { return Set.of("signal"); }
            public NoiseModel create(Args a) {
                double sigma = a.number("sigma", 0);
                return new SignalNoise() {
                    public String describe() { return "toy_jitter(sigma: " + sigma + ")"; }
                    public boolean isIdeal() { return sigma == 0; }
                    public void apply(double[] v, int off, int len, Rng rng) { for (int i = off; i < off + len; i++) v[i] += sigma * rng.nextGaussian(); }
                };
            }
        });
    }

    /** A chain of affine nodes, counting one forward query per sample; the readout noise shifts the outputs. */
    static final class ToyDevice implements Device, ForwardView, TwinView {
        private final DeviceRequest req;
        private final QueryCounter counter = new QueryCounter();
        private final List<NoiseModel> readout;
        /** Per-query readout noise draws from here: the device's checkpoint state. */
        private final Rng dynamic;

        ToyDevice(DeviceRequest req) {
            this.req = req;
            this.readout = req.noiseOf("readout");
            this.dynamic = Rng.derived(req.seed(), "dynamic");
        }

        @Override
        public long[] state() { return dynamic.state(); }

        @Override
        public void restore(long[] state) { if (state.length != 0) dynamic.restore(state); }

        public Graph graph() { return req.graph(); }
        public HardwareProfile profile() { return req.profile(); }
        public long seed() { return req.seed(); }
        public Set<Capability> capabilities() { return Set.of(Capability.FORWARD, Capability.TWIN); }
        public QueryCounter queries() { return counter; }

        @SuppressWarnings("unchecked")
        public <V extends View> V view(Class<V> type) { return (V) this; }

        public void forward(double[] theta, Tensor input, Tensor output) {
            Tape tape = newTape(input.rows());
            output.copyFrom(forward(theta, input, tape));
        }

        public Tape newTape(int maxRows) {
            return new Tape(graph(), maxRows, new Object[graph().nodes().size()]);
        }

        public Tensor forward(double[] theta, Tensor input, Tape tape) {
            counter.add(QueryKind.FORWARD, input.rows());
            tape.rows(input.rows());
            List<Node> nodes = graph().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                Tensor out = tape.activation(i);
                if (node.isInput()) { out.copyFrom(input); continue; }
                Tensor in = tape.activation(graph().indexOf(node.inputs().get(0)));
                int w = node.paramOffset(), n = in.width, m = out.width;
                for (int r = 0; r < in.rows(); r++)
                    for (int o = 0; o < m; o++) {
                        double s = theta[w + m * n + o];
                        for (int j = 0; j < n; j++) s += theta[w + o * n + j] * in.re[r * n + j];
                        out.re[r * m + o] = s;
                    }
            }
            Tensor y = tape.output();
            for (NoiseModel nm : readout) ((SignalNoise) nm).apply(y.re, 0, y.rows() * y.width, dynamic);
            return y;
        }

        public void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            List<Node> nodes = graph().nodes();
            tape.gradient(graph().indexOf(graph().output())).copyFrom(outputGrad);
            for (int i = nodes.size() - 1; i >= 0; i--) {
                Node node = nodes.get(i);
                if (node.isInput()) continue;
                int src = graph().indexOf(node.inputs().get(0));
                Tensor in = tape.activation(src), gy = tape.gradient(i), gx = tape.gradient(src);
                int w = node.paramOffset(), n = in.width, m = gy.width;
                gx.zero();
                for (int r = 0; r < tape.rows(); r++)
                    for (int o = 0; o < m; o++) {
                        double g = gy.re[r * m + o];
                        thetaGrad[w + m * n + o] += g;
                        for (int j = 0; j < n; j++) {
                            thetaGrad[w + o * n + j] += g * in.re[r * n + j];
                            gx.re[r * n + j] += g * theta[w + o * n + j];
                        }
                    }
            }
        }

        public void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            backward(theta, tape, outputGrad, thetaGrad);
        }
    }
}
