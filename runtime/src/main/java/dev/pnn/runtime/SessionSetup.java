package dev.pnn.runtime;


import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.DeclaredViewsDevice;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolves a plan into everything a {@link TrainingSession} needs (data, loss, devices, trainer, optimizer, run
 * folder), checking as it goes so that every error points at the plan line at fault and nothing is written before
 * all checks pass.
 */
final class SessionSetup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

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
    /** The evaluation device as the trainer may see it (its declared capabilities), for its final scores. */
    Device trainerEvalView;
    Trainer trainer;
    Optimizer optimizer;
    Loss evalLoss;
    RunFolder folder;
    Checkpoint resumeFrom;
    final AtomicLong storedDoubles = new AtomicLong();

    SessionSetup(Catalog catalog, Program program, TrainingOptions options) {
        this.catalog = catalog;
        this.program = program;
        this.options = options;
    }

    void resolve() {
        plan = PlanParts.select(program, options.plan());
        parts = new PlanParts(catalog, plan);
        graph = parts.graph(program);
        seed = parts.seed();
        batchSize = parts.positiveInt(TrainingPlan.BATCH, 32);
        epochs = options.epochs().isPresent() ? options.epochs().getAsInt() : parts.positiveInt(TrainingPlan.EPOCHS, 10);
        if (epochs < 0) throw new PnnException("--epochs must not be negative, got " + epochs, "give 1 or more");
        profile = parts.trainingProfile(program);
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
        Device guarded = new DeclaredViewsDevice(device, declared, trainerName);
        Device guardedTwin = twin == null ? null : new DeclaredViewsDevice(twin, declared, trainerName);
        trainerEvalView = new DeclaredViewsDevice(evalDevice, declared, trainerName);
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

    /** Gives a plugin's location-less PnnException the plan line that led to it. */
    static <T> T located(java.util.function.Supplier<T> action, Loc where) {
        try {
            return action.get();
        } catch (PnnException e) {
            // CapabilityException carries no location in its constructor; it names the trainer itself
            if (!Loc.NONE.equals(e.where()) || e instanceof CapabilityException) throw e;
            throw new PnnException(e.getMessage(), where, e.hint(), e);
        }
    }
}
