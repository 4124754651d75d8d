package dev.pnn.runtime;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.Optimizer;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.UpdateTrainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one training plan of a compiled program: resolves the data set, loss, trainer and optimizer, opens the
 * devices, and trains epoch by epoch, writing metrics and a checkpoint after every epoch.
 *
 * <p>Seeds (all derived from the plan's {@code seed}): device instance {@code derive(seed, "device")} (the
 * evaluation device is the same instance, with its own query counter), twin {@code derive(seed, "twin")},
 * trainer {@code derive(seed, "trainer")}, parameter slice {@code derive(seed, "init/<slice>")}, batch order of
 * epoch e (0-based) {@code derive(seed, "shuffle/<e>")}. Because every epoch's order depends only on the seed
 * and epoch number, and checkpoints hold θ and the optimizer state, a resumed run continues bit for bit.
 *
 * <p>{@link #open} validates everything before any file is written; errors point at the plan line at fault.
 */
public final class TrainingSession implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

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
    private final Trainer trainer;
    private final Optimizer optimizer;
    private final Loss evalLoss;
    private final RunFolder folder;
    private final Checkpoint resumeFrom;
    private final AtomicLong storedDoubles;

    private TrainingSession(Builder b) {
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
        Builder b = new Builder(catalog, program, options);
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
            first = resumeFrom.epoch();
        } else {
            theta = ParamInit.initial(graph, seed);
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
        double[] lastGood = theta.clone();
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
                lossSum += loss * (to - from);
                listener.batchDone(epoch + 1, bi + 1, batches, loss);
            }
            if (stopped != null) break;
            long e1 = System.nanoTime();
            Evaluator.Score trainScore = onTrain.score(theta);
            Evaluator.Score testScore = onTest.score(theta);
            long e2 = System.nanoTime();
            EpochMetrics m = new EpochMetrics(epoch + 1, lossSum / Math.max(1, train.size()),
                    trainScore.accuracy(), testScore.loss(), testScore.accuracy(),
                    train.size() / Math.max(1e-9, (e1 - e0) / 1e9), (e2 - e0) / 1e9, (e2 - t0) / 1e9,
                    optimizer == null ? Double.NaN : optimizer.learningRate(), device.queries().snapshot(),
                    evalDevice.queries().total());
            history.add(m);
            folder.appendMetrics(m);
            checkpoint(epoch + 1, theta);
            System.arraycopy(theta, 0, lastGood, 0, theta.length);
            completed = epoch + 1;
            listener.epochDone(m);
        }

        double[] finalParams = stopped == null ? theta : lastGood;
        folder.writeParams(graph, finalParams);
        folder.writeSummary(summary(history, completed, stopped, (System.nanoTime() - t0) / 1e9));
        return new TrainingResult(folder.dir(), plan.name(), completed, history, Optional.ofNullable(stopped),
                finalParams);
    }

    private Evaluator evaluator(Examples ex) {
        return new Evaluator(evalDevice.view(ForwardView.class), evalLoss, ex, graph.outputNode().type());
    }

    private void checkpoint(int epoch, double[] theta) {
        folder.writeCheckpoint(new Checkpoint(Checkpoint.FORMAT, plan.name(), graph.name(), epoch, seed,
                theta.length, graph.slices().stream().map(ParamSlice::name).toList(), theta.clone(),
                optimizer == null ? new double[0] : optimizer.state().clone()));
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
        plan.entry(TrainingPlan.EVALUATE).ifPresent(v -> s.put("evaluate", "not run by 'pnn train': " + v));
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

    /** Resolution state while opening; turned into the immutable session at the end. */
    private static final class Builder {
        final Catalog catalog;
        final Program program;
        final TrainingOptions options;
        TrainingPlan plan;
        PlanParts parts;
        Graph graph;
        HardwareProfile profile;
        long seed;
        int epochs, batchSize;
        DataSplit data;
        String trainerName;
        Device device, twin, evalDevice;
        Trainer trainer;
        Optimizer optimizer;
        Loss evalLoss;
        RunFolder folder;
        Checkpoint resumeFrom;
        final AtomicLong storedDoubles = new AtomicLong();

        Builder(Catalog catalog, Program program, TrainingOptions options) {
            this.catalog = catalog;
            this.program = program;
            this.options = options;
        }

        void resolve() {
            plan = PlanParts.select(program, options.plan());
            parts = new PlanParts(catalog, plan);
            graph = program.graph(plan.network()).orElseThrow(() -> new PnnException(
                    "training plan '" + plan.name() + "' trains network '" + plan.network() + "', which the file does not define",
                    plan.loc(), "define 'network " + plan.network() + " { ... }'"));
            seed = parts.seed();
            batchSize = parts.positiveInt(TrainingPlan.BATCH, 32);
            epochs = options.epochs().isPresent() ? options.epochs().getAsInt() : parts.positiveInt(TrainingPlan.EPOCHS, 10);
            if (epochs < 0) throw new PnnException("--epochs must not be negative, got " + epochs, "give 1 or more");
            profile = resolveProfile();
            Backend backend = parts.lookup(catalog.backends(), TrainingPlan.ON, profile.backend());

            Value.Call lossCall = parts.call(TrainingPlan.LOSS);
            LossFactory lossFactory = parts.lookup(catalog.losses(), TrainingPlan.LOSS, lossCall.name());
            Loss loss = lossFactory.create(Args.of(lossCall));
            evalLoss = lossFactory.create(Args.of(lossCall));

            data = loadData();
            checkDataFits(lossFactory);

            Value.Call trainerCall = parts.call(TrainingPlan.TRAINER);
            trainerName = trainerCall.name();
            Set<Capability> declared = requirementsOf(trainerCall);
            Set<Capability> offered = Capability.closure(backend.capabilities());
            Set<Capability> missing = new LinkedHashSet<>(Capability.closure(declared));
            missing.removeAll(offered);
            if (!missing.isEmpty())
                throw new CapabilityException("trainer '" + trainerName + "' needs " + missing + ", which backend '"
                                              + backend.name() + "' does not provide (it provides " + offered + ")",
                        "choose a trainer that works with " + backend.name() + ", or a backend that offers " + missing);

            long deviceSeed = Seeds.derive(seed, "device");
            device = open(backend, profile, deviceSeed);
            evalDevice = open(backend, profile, deviceSeed);
            if (!evalDevice.offers(ForwardView.class))
                throw new CapabilityException("backend '" + backend.name() + "' offers no pnn.forward view, so pnn cannot "
                                              + "evaluate the network", "use a backend that can run the network forward");
            if (offered.contains(Capability.TWIN)) {
                HardwareProfile ideal = new HardwareProfile(profile.name() + "/twin", profile.backend(), Map.of(), profile.loc());
                twin = open(backend, ideal, Seeds.derive(seed, "twin"));
            }
            Device guarded = new GuardedDevice(device, declared, trainerName);
            Device guardedTwin = twin == null ? null : new GuardedDevice(twin, declared, trainerName);
            Context ctx = new Context(guarded, guardedTwin, loss);
            trainer = ctx.build(trainerCall);
            if (trainer instanceof GradientTrainer) {
                Value.Call optCall = parts.optionalCall(TrainingPlan.OPTIMIZER).orElseThrow(() -> new PnnException(
                        "trainer '" + trainerName + "' estimates gradients, so the plan needs an optimizer",
                        plan.locOf(TrainingPlan.TRAINER), "add for example: optimizer = adam(lr: 0.01);"));
                OptimizerFactory of = parts.lookup(catalog.optimizers(), TrainingPlan.OPTIMIZER, optCall.name());
                optimizer = located(() -> of.create(Args.of(optCall), graph.slices(), graph.paramCount()),
                        plan.locOf(TrainingPlan.OPTIMIZER));
            }
            openFolder();
        }

        private HardwareProfile resolveProfile() {
            Optional<Value> on = plan.entry(TrainingPlan.ON);
            if (on.isEmpty())
                throw new PnnException("training plan '" + plan.name() + "' does not say which hardware to train on",
                        plan.loc(), "add 'on = <profile>;' naming a hardware profile");
            String name = on.get() instanceof Value.Sym s ? s.name() : on.get() instanceof Value.Str s ? s.value() : on.get().toString();
            return program.profile(name).orElseThrow(() -> new PnnException("unknown hardware profile '" + name + "'",
                    plan.locOf(TrainingPlan.ON), "profiles in this file: "
                                                 + String.join(", ", program.profiles().stream().map(HardwareProfile::name).toList())));
        }

        private DataSplit loadData() {
            Value.Call call = parts.call(TrainingPlan.DATA);
            Loc where = plan.locOf(TrainingPlan.DATA);
            DatasetFactory f = parts.lookup(catalog.datasets(), TrainingPlan.DATA, call.name());
            Args args = PlanParts.datasetArgs(call);
            if (args.has("path") && args.get("path").get() instanceof Value.Str s) {
                Path file = options.baseDir().resolve(s.value());
                if (!Files.exists(file))
                    throw new PnnException("data file not found: " + file, where,
                            "the plan's data line asks for it; relative paths resolve against the .pnn file's folder ("
                            + options.baseDir() + ")");
            }
            DataSplit split = located(() -> f.load(args, options.baseDir()), where);
            if (split.train().size() == 0)
                throw new PnnException("data set '" + call.name() + "' has no training examples", where,
                        "check the file and the test fraction");
            return split;
        }

        private void checkDataFits(LossFactory loss) {
            Loc where = plan.locOf(TrainingPlan.DATA);
            List<Node> inputs = graph.inputs();
            if (inputs.size() != 1)
                throw new PnnException("network '" + graph.name() + "' has " + inputs.size()
                                       + " inputs; training from a data set needs exactly one", graph.loc(),
                        "give the network one input");
            int width = inputs.get(0).type().width();
            if (data.train().width() != width)
                throw new PnnException("data set '" + parts.call(TrainingPlan.DATA).name() + "' has "
                                       + data.train().width() + " features per example, but network input '"
                                       + inputs.get(0).id() + "' is " + inputs.get(0).type(), where,
                        "make the input width match the data (or preprocess the data to the input width)");
            if (loss.needsLabels() && !data.train().isClassification())
                throw new PnnException("loss '" + loss.name() + "' needs class labels, but the data set has real targets",
                        plan.locOf(TrainingPlan.LOSS), "use a regression loss such as mse");
            int outWidth = graph.outputNode().type().width();
            if (data.train().isClassification() && data.train().classes() > outWidth)
                throw new PnnException("the data set has " + data.train().classes() + " classes, but the network output '"
                                       + graph.output() + "' is " + graph.outputNode().type(), where,
                        "make the output at least " + data.train().classes() + " wide (e.g. take(power, 0.."
                        + (data.train().classes() - 1) + "))");
        }

        private Set<Capability> requirementsOf(Value.Call call) {
            TrainerFactory f = parts.lookup(catalog.trainers(), TrainingPlan.TRAINER, call.name());
            return Capability.closure(f.requires(Args.of(call), this::requirementsOf));
        }

        private Device open(Backend backend, HardwareProfile p, long deviceSeed) {
            return located(() -> backend.open(new DeviceRequest(graph, p, deviceSeed, new NoiseResolver(catalog, p.loc()))),
                    p.loc());
        }

        private void openFolder() {
            if (options.resume().isPresent()) {
                Path dir = options.out().orElse(options.resume().get());
                RunFolder from = RunFolder.existing(options.resume().get());
                resumeFrom = from.latestCheckpoint().orElseThrow(() -> new PnnException(
                        "no checkpoint in " + options.resume().get().resolve(RunFolder.CHECKPOINTS),
                        "the run stopped before its first checkpoint; start it again without --resume"));
                checkResumable(resumeFrom, options.resume().get());
                folder = dir.equals(options.resume().get()) ? from : RunFolder.create(dir);
            } else {
                folder = RunFolder.create(options.out().orElseGet(this::defaultRunDir));
            }
        }

        private void checkResumable(Checkpoint c, Path dir) {
            List<String> slices = graph.slices().stream().map(ParamSlice::name).toList();
            if (!c.network().equals(graph.name()) || c.paramCount() != graph.paramCount() || !c.slices().equals(slices)
                || c.theta().length != graph.paramCount())
                throw new PnnException("the checkpoint in " + dir + " is for network '" + c.network() + "' with "
                                       + c.paramCount() + " parameters, not '" + graph.name() + "' with "
                                       + graph.paramCount(), plan.loc(),
                        "resume a run of this network, or start a new run without --resume");
            if (!c.plan().equals(plan.name()))
                throw new PnnException("the checkpoint in " + dir + " is from plan '" + c.plan() + "', not '"
                                       + plan.name() + "'", plan.loc(), "choose that plan with --plan " + c.plan());
            if (c.seed() != seed)
                throw new PnnException("the checkpoint in " + dir + " was trained with seed " + c.seed()
                                       + ", the plan now says " + seed, plan.locOf(TrainingPlan.SEED),
                        "a resumed run must keep its seed; restore seed = " + c.seed());
        }

        private Path defaultRunDir() {
            String base = plan.name() + "-" + LocalDateTime.now().format(STAMP);
            Path dir = options.runsDir().resolve(base);
            for (int i = 2; Files.exists(dir); i++) dir = options.runsDir().resolve(base + "-" + i);
            return dir;
        }

        void closeDevices() {
            for (Device d : new Device[]{device, twin, evalDevice}) {
                if (d != null) d.close();
            }
        }

        /** The trainer's view of the run. Nested trainers share the guarded devices. */
        private final class Context implements TrainerContext {
            private final Device device;
            private final Device twin;
            private final Loss loss;

            Context(Device device, Device twin, Loss loss) {
                this.device = device;
                this.twin = twin;
                this.loss = loss;
            }

            Trainer build(Value.Call call) {
                TrainerFactory f = parts.lookup(catalog.trainers(), TrainingPlan.TRAINER, call.name());
                return located(() -> f.create(Args.of(call), this), plan.locOf(TrainingPlan.TRAINER));
            }

            @Override
            public Graph graph() {
                return graph;
            }

            @Override
            public Device device() {
                return device;
            }

            @Override
            public Optional<Device> twin() {
                return Optional.ofNullable(twin);
            }

            @Override
            public Loss loss() {
                return loss;
            }

            @Override
            public long seed() {
                return Seeds.derive(seed, "trainer");
            }

            @Override
            public Trainer nested(Value.Call call) {
                return build(call);
            }

            @Override
            public Optional<TrainingPlan> plan() {
                return Optional.of(plan);
            }

            @Override
            public void reportStoredDoubles(long count) {
                storedDoubles.accumulateAndGet(count, Math::max);
            }
        }
    }

    /** Gives a plugin's location-less PnnException the plan line that led to it. */
    private static <T> T located(java.util.function.Supplier<T> action, Loc where) {
        try {
            return action.get();
        } catch (PnnException e) {
            // CapabilityException carries no location in its constructor; it names the trainer itself
            if (!Loc.NONE.equals(e.where()) || e instanceof CapabilityException) throw e;
            throw new PnnException(e.getMessage(), where, e.hint(), e);
        }
    }
}
