import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;
import dev.pnn.spi.Capability;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.ReservoirView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.UpdateTrainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs samples/pending/reservoir_digits_readout.pnn's readout on photonic_sim until that backend declares
 * pnn.reservoir itself: the device is opened as the runtime would (same seeds, same initial θ), then given a
 * ReservoirView built by {@code ReservoirView.over(LayersView)}, which is exactly what a backend with pnn.layers
 * would offer. Prints test accuracy, device queries, wall time and peak stored doubles.
 *
 * <p>Run from the repository root after {@code ./pnn --help} has built the jars:
 * {@code java -cp "cli/target/lib/*" plugins/trainer-modelfree/tools/ReadoutOnPhotonic.java}
 */
public class ReadoutOnPhotonic {
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a.length > 0 ? a[0] : "samples/pending/reservoir_digits_readout.pnn").toAbsolutePath();
        String text = Files.readString(file);
        String trainerCall = text.replaceAll("(?s).*trainer\\s*=\\s*([^;]*);.*", "$1").trim();
        // compile the network with a trainer photonic_sim accepts today, to get the same graph and plan
        String compilable = text.replaceFirst("trainer\\s*=\\s*[^;]*;", "trainer = backprop;\n    optimizer = adam;");
        try (PluginManager pm = PluginManager.load(List.of())) {
            Catalog cat = pm.catalog();
            Compilation c = new PnnCompiler(cat, pm.modules()).compile(file.toString(), compilable);
            if (!c.ok()) throw new IllegalStateException(c.render());
            Program p = c.program().orElseThrow();
            TrainingPlan plan = p.plans().get(0);
            Graph g = p.graph(plan.network()).orElseThrow();
            long seed = plan.longEntry(TrainingPlan.SEED, 0);
            HardwareProfile profile = p.profile(((Value.Sym) plan.entry(TrainingPlan.ON).orElseThrow()).name()).orElseThrow();
            Device raw = cat.backends().find(profile.backend()).orElseThrow()
                    .open(new DeviceRequest(g, profile, dev.pnn.spi.Seeds.derive(seed, "device"), v -> List.of()));
            Device device = withReservoir(raw);
            Value.Call data = plan.callEntry(TrainingPlan.DATA).orElseThrow();
            DataSplit split = cat.datasets().find(data.name()).orElseThrow().load(Args.of(data), file.getParent());
            Value.Call lossCall = plan.callEntry(TrainingPlan.LOSS).orElseThrow();
            Loss loss = cat.losses().find(lossCall.name()).orElseThrow().create(Args.of(lossCall));
            double[] theta = initial(g, seed);
            long[] stored = {0};
            TrainerContext ctx = new TrainerContext() {
                public Graph graph() { return g; }
                public Device device() { return device; }
                public Optional<Device> twin() { return Optional.empty(); }
                public Loss loss() { return loss; }
                public long seed() { return dev.pnn.spi.Seeds.derive(seed, "trainer"); }
                public Trainer nested(Value.Call call) { throw new UnsupportedOperationException(); }
                public void reportStoredDoubles(long n) { stored[0] = Math.max(stored[0], n); }
            };
            Value.Call call = (Value.Call) parseCall(trainerCall);
            long t0 = System.nanoTime();
            UpdateTrainer t = (UpdateTrainer) cat.trainers().find("readout").orElseThrow().create(Args.of(call), ctx);
            t.prepare(theta, split.train());
            double wall = (System.nanoTime() - t0) / 1e9;
            long trainQueries = raw.queries().total();
            System.out.printf("readout %s on %s: %d parameters, %d features%n", call, profile.name(), g.paramCount(),
                    g.nodes().get(g.indexOf(g.outputNode().inputs().get(0))).type().width());
            System.out.printf("train accuracy %.4f, test accuracy %.4f, device queries %d, wall %.2f s, peak stored doubles %d%n",
                    accuracy(raw, theta, split.train()), accuracy(raw, theta, split.test()), trainQueries, wall, stored[0]);
        }
    }

    static Value parseCall(String s) {
        String name = s.contains("(") ? s.substring(0, s.indexOf('(')).trim() : s.trim();
        java.util.Map<String, Value> named = new java.util.LinkedHashMap<>();
        if (s.contains("(")) {
            String inner = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')).trim();
            for (String part : inner.isEmpty() ? new String[0] : inner.split(",")) {
                String[] kv = part.split(":");
                String v = kv[1].trim();
                named.put(kv[0].trim(), v.matches("-?[0-9.eE+-]+") ? new Value.Num(Double.parseDouble(v)) : new Value.Sym(v));
            }
        }
        return new Value.Call(name, List.of(), named);
    }

    /** θ as the runtime draws it: slice by slice from derive(seed, "init/" + name). */
    static double[] initial(Graph g, long seed) {
        double[] theta = new double[g.paramCount()];
        for (ParamSlice s : g.slices()) {
            Rng rng = Rng.derived(seed, "init/" + s.name());
            Init init = s.init() == null ? new Init.Constant(0) : s.init();
            for (int i = s.offset(); i < s.end(); i++)
                theta[i] = init instanceof Init.Uniform u ? u.low() + (u.high() - u.low()) * rng.nextDouble()
                        : init instanceof Init.Normal n ? n.mean() + n.std() * rng.nextGaussian()
                        : ((Init.Constant) init).value();
        }
        return theta;
    }

    static double accuracy(Device d, double[] theta, Examples ex) {
        int n = ex.size(), k = d.graph().outputNode().type().width(), ok = 0;
        Batch b = ex.newBatch(n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        ex.fill(order, 0, n, b);
        Tensor out = Tensor.real(n, k);
        d.view(ForwardView.class).forward(theta, b.inputs(), out);
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (out.get(r, j) > out.get(r, best)) best = j;
            if (best == ex.labels()[r]) ok++;
        }
        return ok / (double) n;
    }

    /** The device plus pnn.reservoir, realized over its own pnn.layers (counting the same queries). */
    static Device withReservoir(Device d) {
        ReservoirView reservoir = ReservoirView.over(d.view(LayersView.class));
        Set<Capability> caps = new LinkedHashSet<>(d.capabilities());
        caps.add(Capability.RESERVOIR);
        return new Device() {
            public Graph graph() { return d.graph(); }
            public HardwareProfile profile() { return d.profile(); }
            public long seed() { return d.seed(); }
            public Set<Capability> capabilities() { return caps; }
            public QueryCounter queries() { return d.queries(); }
            public <V extends View> V view(Class<V> type) {
                return type == ReservoirView.class ? type.cast(reservoir) : d.view(type);
            }
        };
    }
}
