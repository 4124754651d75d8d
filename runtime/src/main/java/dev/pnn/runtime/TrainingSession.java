package dev.pnn.runtime;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Optimizer;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.UpdateTrainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one training plan of a compiled program: resolves the data set, loss, trainer and optimizer, opens the
 * devices, and trains epoch by epoch, writing metrics and a checkpoint after every epoch.
 *
 * <p>Seeds (all derived from the plan's {@code seed}): device instance {@code derive(seed, "device")} (the
 * evaluation device is the same instance, with its own query counter), twin {@code derive(seed, "twin")},
 * trainer {@code derive(seed, "trainer")}, parameter slice {@code derive(seed, "init/<slice>")}, batch order of
 * epoch e (0-based) {@code derive(seed, "shuffle/<e>")}. Because every epoch's order depends only on the seed
 * and epoch number, and checkpoints hold θ, the optimizer state and the trainer state ({@link Trainer#state()}),
 * and the devices' noise streams ({@link Device#state()}), a resumed run continues bit for bit.
 *
 * <p>{@link #open} validates everything before any file is written; errors point at the plan line at fault.
 */
public final class TrainingSession implements AutoCloseable {
    private final TrainingPlan plan;
    private final Graph graph;
    private final HardwareProfile profile;
    private final TrainingOptions options;
    private final long seed;
    private final int epochs;
    private final int batchSize;
    private final DataSplit data;
    private final String trainerName;
    private final Device device;
    private final Device twin;
    private final Device evalDevice;
    private final Device trainerEvalView;
    private final dev.pnn.spi.Catalog catalog;
    private WarmStart.Outcome warmStart;
    private final Trainer trainer;
    private final Optimizer optimizer;
    private final Loss evalLoss;
    private final RunFolder folder;
    private final Checkpoint resumeFrom;
    private final AtomicLong storedDoubles;

    private TrainingSession(SessionSetup b) {
        this.plan = b.plan;
        this.graph = b.graph;
        this.profile = b.profile;
        this.options = b.options;
        this.seed = b.seed;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.data = b.data;
        this.trainerName = b.trainerName;
        this.device = b.device;
        this.twin = b.twin;
        this.evalDevice = b.evalDevice;
        this.trainerEvalView = b.trainerEvalView;
        this.catalog = b.catalog;
        this.trainer = b.trainer;
        this.optimizer = b.optimizer;
        this.evalLoss = b.evalLoss;
        this.folder = b.folder;
        this.resumeFrom = b.resumeFrom;
        this.storedDoubles = b.storedDoubles;
    }

    /**
     * Prepares a run of one plan.
     *
     * @throws PnnException on anything the user must fix (unknown plan, missing data file with the plan line,
     *                      missing capability, a checkpoint of another network), before any file is written
     */
    public static TrainingSession open(Catalog catalog, Program program, TrainingOptions options) {
        SessionSetup b = new SessionSetup(catalog, program, options);
        try {
            b.resolve();
            return new TrainingSession(b);
        } catch (RuntimeException | Error e) {
            b.closeDevices();
            throw e;
        }
    }

    public RunInfo info() {
        return new RunInfo(plan.name(), graph.name(), profile.name(), profile.backend(), trainerName, epochs,
                batchSize, data.train().size(), data.test().size(), batchesPerEpoch(), graph.paramCount(), seed,
                folder.dir());
    }

    private int batchesPerEpoch() {
        return (data.train().size() + batchSize - 1) / batchSize;
    }

    /** Trains until the plan's epochs are done or the loss or gradient stops being finite. */
    public TrainingResult run(TrainingListener listener) {
        long t0 = System.nanoTime();
        double[] theta;
        int first;
        if (resumeFrom != null) {
            theta = resumeFrom.theta().clone();
            if (optimizer != null) optimizer.restore(resumeFrom.optimizer().clone());
            restoreTrainer(resumeFrom.trainerState());
            restoreDevice(device, resumeFrom.deviceState(), "training");
            restoreDevice(evalDevice, resumeFrom.evalDeviceState(), "evaluation");
            resumeFrom.queries().forEach((kind, n) -> device.queries().add(new QueryKind(kind), n));
            resumeFrom.evalQueries().forEach((kind, n) -> evalDevice.queries().add(new QueryKind(kind), n));
            first = resumeFrom.epoch();
        } else {
            double[] init = ParamInit.initial(graph, seed);
            warmStart = plan.entry(TrainingPlan.INIT).map(v -> WarmStart.apply(graph, init, options.baseDir().resolve(
                            ((dev.pnn.spi.ir.Value.Str) ((dev.pnn.spi.ir.Value.Call) v).named().get("path")).value()),
                    catalog, plan.locOf(TrainingPlan.INIT))).orElse(null);
            theta = init;
            if (trainer instanceof UpdateTrainer u) u.prepare(theta, data.train());
            checkpoint(0, theta);
            first = 0;
        }
        listener.started(info(), first + 1);

        Evaluator onTrain = evaluator(data.train());
        Evaluator onTest = evaluator(data.test());
        Examples train = data.train();
        Batch batch = train.newBatch(Math.max(1, Math.min(batchSize, train.size())));
        double[] grad = new double[theta.length];
        double[] lastGood = reported(theta);
        int[] order = new int[train.size()];
        List<EpochMetrics> history = new ArrayList<>();
        PnnException stopped = null;
        int completed = first;

        for (int epoch = first; epoch < epochs && stopped == null; epoch++) {
            long e0 = System.nanoTime();
            if (optimizer != null) optimizer.startEpoch(epoch);
            for (int i = 0; i < order.length; i++) order[i] = i;
            Rng.derived(seed, "shuffle/" + epoch).shuffle(order);
            double lossSum = 0;
            int batches = batchesPerEpoch();
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * batchSize, to = Math.min(order.length, from + batchSize);
                train.fill(order, from, to, batch);
                double loss;
                try {
                    if (trainer instanceof GradientTrainer g) {
                        loss = g.gradient(theta, batch, grad);
                        stopped = nonFinite(loss, grad, "gradient", epoch, bi, batches);
                        if (stopped != null) break;
                        optimizer.step(theta, grad);
                    } else {
                        loss = ((UpdateTrainer) trainer).update(theta, batch);
                        stopped = nonFinite(loss, theta, "parameter update", epoch, bi, batches);
                        if (stopped != null) break;
                    }
                } catch (PnnException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw pluginFailure(e, epoch, bi);
                }
                lossSum += loss * (to - from);
                listener.batchDone(epoch + 1, bi + 1, batches, loss);
            }
            if (stopped != null) break;
            long e1 = System.nanoTime();
            double[] reported = reported(theta);
            Evaluator.Score trainScore = onTrain.score(reported);
            Evaluator.Score testScore = onTest.score(reported);
            long e2 = System.nanoTime();
            EpochMetrics m = new EpochMetrics(epoch + 1, lossSum / Math.max(1, train.size()),
                    trainScore.accuracy(), testScore.loss(), testScore.accuracy(),
                    train.size() / Math.max(1e-9, (e1 - e0) / 1e9), (e2 - e0) / 1e9, (e2 - t0) / 1e9,
                    optimizer == null ? Double.NaN : optimizer.learningRate(), device.queries().snapshot(),
                    evalDevice.queries().total());
            history.add(m);
            folder.appendMetrics(m);
            checkpoint(epoch + 1, theta);
            System.arraycopy(reported, 0, lastGood, 0, theta.length);
            completed = epoch + 1;
            listener.epochDone(m);
        }

        double[] finalParams = stopped == null ? reported(theta) : lastGood;
        folder.writeParams(graph, finalParams);
        Map<String, Double> scores = stopped == null ? finalScores(finalParams, completed) : Map.of();
        Map<String, Object> summary = summary(history, completed, stopped, (System.nanoTime() - t0) / 1e9);
        if (!scores.isEmpty()) summary.put("scores", scores);
        folder.writeSummary(summary);
        return new TrainingResult(folder.dir(), plan.name(), completed, history, Optional.ofNullable(stopped),
                finalParams, scores, Optional.ofNullable(warmStart).map(WarmStart.Outcome::describe));
    }

    /** The trainer's own scores of the kept parameters; a failure there is the plugin's, reported as such. */
    private Map<String, Double> finalScores(double[] params, int completed) {
        try {
            return new LinkedHashMap<>(trainer.finalScores(params.clone(), trainerEvalView));
        } catch (PnnException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PnnException("trainer '" + trainerName + "' failed to score the final parameters after epoch "
                                   + completed + ": " + e.getClass().getSimpleName()
                                   + (e.getMessage() == null ? "" : ": " + e.getMessage()), plan.locOf(TrainingPlan.TRAINER),
                    "params.json and the checkpoints are written; this is a bug in the trainer plugin, rerun with "
                    + "--debug for the stack trace", e);
        }
    }

    /** θ, or the optimizer's average of the iterates when it keeps one: what the run evaluates and writes. */
    private double[] reported(double[] theta) {
        return optimizer == null ? theta : optimizer.averaged(theta);
    }

    private Evaluator evaluator(Examples ex) {
        return new Evaluator(evalDevice.view(ForwardView.class), evalLoss, ex, graph.outputNode().type());
    }

    private void checkpoint(int epoch, double[] theta) {
        folder.writeCheckpoint(new Checkpoint(Checkpoint.FORMAT, plan.name(), graph.name(), epoch, seed,
                theta.length, graph.slices().stream().map(ParamSlice::name).toList(), theta.clone(),
                optimizer == null ? new double[0] : optimizer.state().clone(), trainer.state().clone(),
                device.state().clone(), evalDevice.state().clone(), device.queries().snapshot(),
                evalDevice.queries().snapshot()));
    }

    private void restoreDevice(Device d, long[] state, String role) {
        try {
            d.restore(state.clone());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PnnException("cannot resume the " + role + " device of profile '" + profile.name()
                                   + "' from the checkpoint of epoch " + resumeFrom.epoch() + ": " + e.getMessage(),
                    plan.locOf(TrainingPlan.ON), "the checkpoint was written by another backend version or profile; "
                                                 + "start a new run without --resume");
        }
    }

    /** A trainer that refuses its saved state (another version of the plugin, say) is the user's to resolve. */
    private void restoreTrainer(long[] state) {
        try {
            trainer.restore(state.clone());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PnnException("cannot resume trainer '" + trainerName + "' from the checkpoint of epoch "
                                   + resumeFrom.epoch() + ": " + e.getMessage(), plan.locOf(TrainingPlan.TRAINER),
                    "the checkpoint was written by another trainer or plugin version; start a new run without --resume");
        }
    }

    /** A stop message naming epoch, batch and (for vectors) the first bad entry's slice; null when all finite. */
    private PnnException nonFinite(double loss, double[] vector, String what, int epoch, int batch, int batches) {
        String problem = null;
        if (!Double.isFinite(loss)) problem = "the loss is " + describe(loss);
        else {
            for (int i = 0; i < vector.length; i++) {
                if (!Double.isFinite(vector[i])) {
                    problem = "the " + what + " is " + describe(vector[i]) + " at θ[" + i + "] (" + sliceOf(i) + ")";
                    break;
                }
            }
        }
        if (problem == null) return null;
        String key = optimizer != null ? TrainingPlan.OPTIMIZER : TrainingPlan.TRAINER;
        return new PnnException("training stopped: " + problem + " in epoch " + (epoch + 1) + ", batch " + (batch + 1)
                                + " of " + batches, plan.locOf(key),
                "kept the last good checkpoint (epoch " + epoch + ") in " + folder.dir().resolve(RunFolder.CHECKPOINTS)
                + "; try a smaller learning rate, or check the data for extreme values");
    }

    /** A plugin bug mid-run, reported as which trainer failed where, with the cause kept for --debug. */
    private PnnException pluginFailure(RuntimeException e, int epoch, int batch) {
        return new PnnException("trainer '" + trainerName + "' failed in epoch " + (epoch + 1) + ", batch " + (batch + 1)
                                + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                plan.locOf(TrainingPlan.TRAINER), "this is a bug in the trainer, optimizer or backend plugin; rerun with "
                                                  + "--debug for the stack trace and report it to the plugin's author", e);
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : "infinite";
    }

    private String sliceOf(int index) {
        for (ParamSlice s : graph.slices()) if (index >= s.offset() && index < s.end()) return s.name();
        return "no slice";
    }

    private Map<String, Object> summary(List<EpochMetrics> history, int completed, PnnException stopped, double wall) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("plan", plan.name());
        s.put("network", graph.name());
        s.put("source", plan.loc().file());
        s.put("status", stopped == null ? "completed" : "stopped");
        if (stopped != null) s.put("message", stopped.getMessage());
        s.put("epochs", Map.of("planned", epochs, "completed", completed, "thisSession", history.size()));
        s.put("resumedFromEpoch", resumeFrom == null ? null : resumeFrom.epoch());
        s.put("profile", profile.name());
        s.put("backend", profile.backend());
        s.put("trainer", trainerName);
        s.put("batch", batchSize);
        s.put("paramCount", graph.paramCount());
        s.put("data", Map.of("train", data.train().size(), "test", data.test().size()));
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("plan", seed);
        seeds.put("device", Seeds.derive(seed, "device"));
        seeds.put("twin", Seeds.derive(seed, "twin"));
        seeds.put("trainer", Seeds.derive(seed, "trainer"));
        seeds.put("init", "derive(plan, \"init/<slice>\")");
        seeds.put("shuffle", "derive(plan, \"shuffle/<epoch>\")");
        s.put("seeds", seeds);
        if (!history.isEmpty()) {
            EpochMetrics m = history.get(history.size() - 1);
            Map<String, Object> fin = new LinkedHashMap<>();
            fin.put("epoch", m.epoch());
            fin.put("trainLoss", m.trainLoss());
            fin.put("trainAccuracy", m.trainAccuracy());
            fin.put("testLoss", m.testLoss());
            fin.put("testAccuracy", m.testAccuracy());
            s.put("final", fin);
        }
        Map<String, Object> queries = new LinkedHashMap<>();
        queries.put("device", device.queries().snapshot());
        queries.put("twin", twin == null ? Map.of() : twin.queries().snapshot());
        queries.put("evaluation", evalDevice.queries().snapshot());
        s.put("queries", queries);
        if (storedDoubles.get() > 0) s.put("peakStoredDoubles", storedDoubles.get());
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("wallSeconds", wall);
        times.put("meanEpochSeconds", history.stream().mapToDouble(EpochMetrics::epochSeconds).average().orElse(Double.NaN));
        times.put("meanSamplesPerSecond", history.stream().mapToDouble(EpochMetrics::samplesPerSecond).average().orElse(Double.NaN));
        s.put("times", times);
        plan.entry(TrainingPlan.EVALUATE).ifPresent(v -> s.put("evaluate", v + " (results in eval-<profile>/summary.json)"));
        if (warmStart != null) s.put("init", warmStart.summary());
        Map<String, String> versions = new LinkedHashMap<>(options.versions());
        versions.put("java", System.getProperty("java.version"));
        s.put("versions", versions);
        return s;
    }

    @Override
    public void close() {
        closeQuietly(device);
        closeQuietly(twin);
        closeQuietly(evalDevice);
    }

    private static void closeQuietly(Device d) {
        if (d != null) d.close();
    }
}
