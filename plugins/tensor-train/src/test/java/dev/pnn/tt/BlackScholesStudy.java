package dev.pnn.tt;

import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.EpochMetrics;
import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.TrainingOptions;
import dev.pnn.runtime.TrainingResult;
import dev.pnn.runtime.TrainingSession;
import dev.pnn.runtime.TrainingListener;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Black–Scholes study of docs/black-scholes.md: compiles samples/black_scholes.pnn with the real compiler and
 * plugins, trains both plans through the runtime's training loop (what {@code ./pnn train} runs), then reports
 * the relative L2 error of the learned price against the analytic one on the plan's grid, device counts dense vs
 * TT, forward queries, wall and CPU time, and writes docs/black-scholes.png and docs/black-scholes-results.md.
 *
 * <p>Usage: {@code BlackScholesStudy <repo root> [epochs]} (epochs overrides the plans', for smoke runs).
 */
public final class BlackScholesStudy {
    record Run(String plan, TrainingResult result, PinnObjective.Comparison cmp, double wall, double cpu,
               long queries, long jets) {
    }

    private static int epochsOverride;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        epochsOverride = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        // -Dsample=FILE trains the plans of a variant file (for trials); only the sample's own runs write the report
        String variant = System.getProperty("sample");
        Path sample = variant == null ? root.resolve("samples/black_scholes.pnn") : Path.of(variant).toAbsolutePath();
        Path docs = root.resolve("docs");
        Files.createDirectories(docs);
        try (PluginManager plugins = PluginManager.load(List.of())) {
            Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile(sample);
            if (!c.ok()) {
                System.err.println(c.render());
                System.exit(2);
            }
            Program program = c.program().get();
            List<Run> runs = new ArrayList<>();
            // -Dplans=BlackScholesBp trains a subset (for quick trials); the report of record trains both
            for (String plan : System.getProperty("plans", "BlackScholesZo,BlackScholesBp").split(","))
                runs.add(train(program, plan, root));
            Graph g = program.graph(program.plan(runs.get(0).plan()).get().network()).get();
            String report = report(g, runs);
            System.out.print(report);
            if (variant != null) return;
            Files.writeString(docs.resolve("black-scholes-results.md"), report);
            plot(runs, docs.resolve("black-scholes.png"));
        }
    }

    private static Run train(Program program, String planName, Path root) {
        TrainingPlan plan = program.plan(planName).get();
        Graph g = program.graph(plan.network()).get();
        Path out = root.resolve("runs/black-scholes/" + planName);
        deleteRun(out);   // the study owns runs/black-scholes/; each invocation starts fresh
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        TrainingResult r;
        try (TrainingSession s = TrainingSession.open(PluginManager.load(List.of()).catalog(), program,
                epochsOverride > 0
                ? TrainingOptions.of(root.resolve("samples")).withPlan(planName).withOut(out).withEpochs(epochsOverride)
                : TrainingOptions.of(root.resolve("samples")).withPlan(planName).withOut(out))) {
            r = s.run(new TrainingListener() {
                @Override
                public void epochDone(EpochMetrics m) {
                    if (m.epoch() % 10 == 0)
                        System.err.printf(Locale.ROOT, "%s epoch %d loss %.3e (%.1f s)%n", planName, m.epoch(), m.trainLoss(), m.wallSeconds());
                }
            });
        }
        double wall = (System.nanoTime() - t0) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        if (r.stopped().isPresent()) throw r.stopped().get();
        Map<String, Long> q = r.last().map(EpochMetrics::trainQueries).orElse(Map.of());
        // evaluate on a fresh ideal device of the same backend, with the plan's own derivative rule
        TtDevice dev = (TtDevice) new PhotonicTtBackend().open(new DeviceRequest(g,
                new HardwareProfile("ideal", PhotonicTtBackend.NAME, Map.of(), Loc.NONE), 0, v -> List.of()));
        PinnObjective o = new PinnObjective(PdeProblem.from(plan));
        PinnObjective.Comparison cmp = o.compare(r.params(), dev.view(ForwardView.class));
        return new Run(planName, r, cmp, wall, cpu, q.getOrDefault("forward", 0L), q.getOrDefault("jet", 0L));
    }

    private static void deleteRun(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + dir, e);
        }
    }

    static String report(Graph g, List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- generated by BlackScholesStudy; see docs/black-scholes.md -->\n");
        sb.append("| plan | trainer | relative L2 | max abs error | forward queries | jet evaluations | epochs | wall s | CPU s |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs)
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3e | %.3f | %,d | %,d | %d | %.1f | %.1f |%n", r.plan(),
                    r.plan().endsWith("Zo") ? "tt_zo + Stein (BP-free)" : "pinn_backprop + exact jets",
                    r.cmp().relativeL2(), r.cmp().maxAbs(), r.queries(), r.jets(), r.result().epochsCompleted(), r.wall(), r.cpu()));
        sb.append(String.format(Locale.ROOT, "%nGrid: %d x %d points over S in [0, 200], t in [0, 1]; %d point(s) skipped where the analytic formula is not finite (S = K at t = T).%n%n",
                runs.get(0).cmp().counts()[0], runs.get(0).cmp().counts()[1], runs.get(0).cmp().skipped()));
        sb.append("| layer | op | size | MZIs | MZIs if dense | params | params if dense |\n|---|---|---|---|---|---|---|\n");
        long mz = 0, dz = 0, p = 0, dp = 0;
        for (MziCount.Layer l : MziCount.network(g)) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %dx%d | %,d | %,d | %,d | %,d |%n", l.node(), l.op(), l.rows(), l.cols(),
                    l.mzis(), l.denseMzis(), l.params(), l.denseParams()));
            mz += l.mzis();
            dz += l.denseMzis();
            p += l.params();
            dp += l.denseParams();
        }
        sb.append(String.format(Locale.ROOT, "| **network** | | | %,d | %,d | %,d | %,d |%n", mz, dz, p, dp));
        sb.append(String.format(Locale.ROOT, "%nDevice-count ratio dense/TT for this network: %.2fx (TT layer alone: %.2fx). ZO dimension D = %d (all of θ, biases included).%n",
                (double) dz / mz, ttRatio(g), g.paramCount()));
        sb.append("\nThe same counting rule at the paper's scale (hidden width 1024 = 4^5, TT rank 4):\n\n");
        sb.append("| layer | MZIs dense | MZIs TT | ratio |\n|---|---|---|---|\n");
        for (int r : new int[]{2, 4, 8}) {
            TtShape s = new TtShape(new int[]{4, 4, 4, 4, 4}, new int[]{4, 4, 4, 4, 4}, new int[]{1, r, r, r, r, 1});
            long d = MziCount.dense(1024, 1024), t = MziCount.tt(s);
            sb.append(String.format(Locale.ROOT, "| 1024x1024, ranks %d | %,d | %,d | %.1fx |%n", r, d, t, (double) d / t));
        }
        return sb.toString();
    }

    private static double ttRatio(Graph g) {
        return MziCount.network(g).stream().filter(l -> l.op().equals(TtLinearBlock.NAME))
                .mapToDouble(l -> (double) l.denseMzis() / l.mzis()).findFirst().orElse(Double.NaN);
    }

    static void plot(List<Run> runs, Path png) throws IOException {
        PinnObjective.Comparison ref = runs.get(0).cmp();
        int ns = ref.counts()[0], nt = ref.counts()[1];
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Black–Scholes call price: analytic (lines) vs BP-free (circles) and backprop (diamonds)")
                .xAxisTitle("S").yAxisTitle("u(S, t)").build();
        chart.getStyler().setMarkerSize(5);
        int[] slices = {0, nt / 2, nt - 1};
        java.awt.Color[] colors = {new java.awt.Color(0x1f77b4), new java.awt.Color(0x2ca02c), new java.awt.Color(0xd62728)};
        for (int si = 0; si < slices.length; si++) {
            int j = slices[si];
            java.awt.Color color = colors[si];
            double t = ref.grid()[(j) * 2 + 1];
            double[] s = new double[ns], exact = new double[ns];
            for (int i = 0; i < ns; i++) {
                s[i] = 200.0 * ref.grid()[(i * nt + j) * 2];
                exact[i] = ref.exact()[i * nt + j];
            }
            XYSeries e = chart.addSeries(String.format(Locale.ROOT, "analytic, t = %.2f", t), s, finite(exact));
            e.setMarker(SeriesMarkers.NONE);
            e.setLineColor(color);
            for (Run r : runs) {
                double[] pred = new double[ns];
                for (int i = 0; i < ns; i++) pred[i] = r.cmp().predicted()[i * nt + j];
                XYSeries ps = chart.addSeries(String.format(Locale.ROOT, "%s, t = %.2f", r.plan().endsWith("Zo") ? "BP-free (tt_zo + Stein)" : "backprop reference", t), s, pred);
                ps.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
                ps.setMarker(r.plan().endsWith("Zo") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                ps.setMarkerColor(r.plan().endsWith("Zo") ? color : color.darker().darker());
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] finite(double[] v) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) if (!Double.isFinite(o[i])) o[i] = i > 0 ? o[i - 1] : 0;
        return o;
    }
}
