package dev.pnn.runtime.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pnn.runtime.EpochMetrics;
import dev.pnn.runtime.Evaluator;
import dev.pnn.runtime.TrainingListener;
import dev.pnn.runtime.TrainingOptions;
import dev.pnn.runtime.TrainingResult;
import dev.pnn.runtime.TrainingSession;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The robustness sweep (ALGORITHMS.md §15 error sweep): trains every plan of a program, measures λ_max at the
 * final parameters, and scores each on M instances of one profile whose static error setting ({@code key}, e.g.
 * {@code phase_error}) is replaced by {@code gaussian(sigma: σ rad)} for each σ of the grid. Results go to
 * {@code sweep.json} and a markdown table; the CLI draws the plot.
 */
public final class RobustnessSweep {
    /** @param epochs overrides every plan's epochs; null keeps them */
    public record Config(String profile, String key, List<Double> sigmas, int devices, long evalSeed, int threads,
                         Integer epochs, int sharpnessSamples, Sharpness.Options sharpness) {
        public Config {
            sigmas = List.copyOf(sigmas);
            if (sigmas.isEmpty()) throw new PnnException("the sweep needs at least one sigma", "give e.g. --sigmas 0,0.05");
        }
    }

    public record Point(double sigma, Distribution accuracy, double idealAccuracy, double wallSeconds) {
    }

    /**
     * @param trainingChipAccuracy test accuracy on chip A: the sweep profile exactly as the file writes it, drawn
     *                             with {@code derive(planSeed, "device")}, the instance a plan with {@code on =}
     *                             that profile trains on (§15 transfer protocol; seed 002 Fig. 4c scores offline
     *                             and online methods on that one system)
     */
    public record Method(String plan, String trainer, String trainedOn, double testAccuracy,
                         double trainingChipAccuracy, long trainingChipSeed,
                         Sharpness.Result sharpness, double trainSecondsPerEpoch, double wallSeconds,
                         List<Point> points, String runDir) {
    }

    public record Result(Config config, List<Method> methods) {
    }

    private RobustnessSweep() {
    }

    /** Trains into {@code runsDir/<plan>}, writes {@code outDir/sweep.json}. */
    public static Result run(Catalog catalog, Program program, Path baseDir, Path outDir, Path runsDir, Config config,
                             Consumer<String> log) {
        List<Method> methods = new ArrayList<>();
        for (TrainingPlan plan : program.plans()) {
            long t0 = System.nanoTime();
            TrainingOptions options = TrainingOptions.of(baseDir).withPlan(plan.name())
                    .withOut(runsDir.resolve(plan.name()));
            if (config.epochs() != null) options = options.withEpochs(config.epochs());
            TrainingResult trained;
            String trainer, on;
            int trainSize;
            try (TrainingSession session = TrainingSession.open(catalog, program, options)) {
                trainer = plan.entry(TrainingPlan.TRAINER).map(Value::toString).orElse("?");
                on = session.info().profile();
                trainSize = session.info().trainSize();
                log.accept("training " + plan.name() + " (" + trainer + " on " + on + ", " + session.info().epochs() + " epochs)");
                trained = session.run(TrainingListener.NONE);
            }
            if (!trained.completed()) throw trained.stopped().get();
            // median training seconds per epoch, evaluation excluded (train size / training samples per second);
            // the median keeps the first epoch's JIT warm-up out
            double[] perEpoch = trained.history().stream().filter(m -> m.samplesPerSecond() > 0)
                    .mapToDouble(m -> trainSize / m.samplesPerSecond()).sorted().toArray();
            double trainTime = perEpoch.length == 0 ? Double.NaN : Distribution.quantile(perEpoch, 0.5);
            PlanSetup setup = PlanSetup.of(catalog, program, java.util.Optional.of(plan.name()), baseDir);
            double[] theta = trained.params();
            log.accept("  λmax of " + plan.name());
            Sharpness.Result lambda = setup.sharpness(theta, config.sharpnessSamples(), config.sharpness());
            List<Point> points = new ArrayList<>();
            HardwareProfile base = setup.profile(config.profile());
            long chipSeed = Seeds.derive(setup.planSeed(), "device");
            double chipAccuracy = accuracyOn(setup, base, chipSeed, theta);
            log.accept(String.format(Locale.ROOT, "  on %s A (the training instance, seed derive(%d, \"device\")): %.2f%%",
                    base.name(), setup.planSeed(), 100 * chipAccuracy));
            for (double sigma : config.sigmas()) {
                HardwareProfile p = base.with(config.key(), new Value.Call("gaussian", List.of(),
                        Map.of("sigma", new Value.Num(sigma, Unit.RAD))));
                MonteCarloReport r = setup.monteCarlo(p).run(p, theta,
                        new MonteCarlo.Config(config.devices(), config.evalSeed(), config.threads()));
                log.accept(String.format(Locale.ROOT, "  σ = %.3f: mean %.2f%%, min %.2f%% (%.2f s)", sigma,
                        100 * r.accuracy().mean(), 100 * r.accuracy().min(), r.wallSeconds()));
                points.add(new Point(sigma, r.accuracy(), r.idealAccuracy(), r.wallSeconds()));
            }
            double testAcc = trained.last().map(EpochMetrics::testAccuracy).orElse(Double.NaN);
            methods.add(new Method(plan.name(), trainer, on, testAcc, chipAccuracy, chipSeed, lambda, trainTime,
                    (System.nanoTime() - t0) / 1e9, points, trained.runDir().toString()));
        }
        Result result = new Result(config, methods);
        write(outDir.resolve("sweep.json"), result);
        return result;
    }

    /**
     * Test accuracy of θ on one instance of {@code profile} (static errors from {@code seed}, dynamic noise on), scored
     * in chunks of {@link MonteCarlo#CHUNK} rows like the Monte Carlo evaluation (same {@link Evaluator}).
     */
    static double accuracyOn(PlanSetup setup, HardwareProfile profile, long seed, double[] theta) {
        Examples test = setup.data().test();
        if (test.size() == 0) return Double.NaN;
        Graph graph = setup.graph();
        try (Device device = setup.backend(profile).open(new DeviceRequest(graph, profile, seed, setup.noise(profile.loc())))) {
            return new Evaluator(device.view(ForwardView.class), setup.newLoss(), test, graph.outputNode().type(),
                    MonteCarlo.CHUNK).score(theta).accuracy();
        }
    }

    private static void write(Path file, Result r) {
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
        } catch (IOException e) {
            throw new PnnException("cannot write " + file + ": " + e.getMessage(), "check that the folder is writable");
        }
    }

    /** The markdown table: mean / min accuracy (%) over the instances at each σ, ideal accuracy, λ_max. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        Config c = r.config();
        sb.append("| method | trainer | trained on | test acc on that device | on ").append(c.profile()).append(" A |");
        for (double s : c.sigmas()) sb.append(String.format(Locale.ROOT, " σ = %s rad: mean / min |", trim(s)));
        sb.append(" λmax | train s/epoch |\n|---|---|---|---|---|");
        for (int i = 0; i < c.sigmas().size(); i++) sb.append("---|");
        sb.append("---|---|\n");
        for (Method m : r.methods()) {
            sb.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %.1f%% | %.1f |", m.plan(), m.trainer(), m.trainedOn(),
                    100 * m.testAccuracy(), 100 * m.trainingChipAccuracy()));
            for (Point p : m.points())
                sb.append(String.format(Locale.ROOT, " %.1f / %.1f |", 100 * p.accuracy().mean(), 100 * p.accuracy().min()));
            sb.append(String.format(Locale.ROOT, " %.3g%s | %.3f |\n", m.sharpness().lambdaMax(),
                    m.sharpness().converged() ? "" : " (not converged)", m.trainSecondsPerEpoch()));
        }
        return sb.toString();
    }

    private static String trim(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
