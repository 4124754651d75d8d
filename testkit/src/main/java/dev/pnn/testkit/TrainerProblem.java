package dev.pnn.testkit;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.ReservoirView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.train.Loss;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * A training problem a {@link TrainerContract} runs a trainer on: a graph, a way to open a device for it (an
 * instance seed gives the device), an ideal twin, a loss and one batch. The loss must be deterministic in θ on
 * the device (no dynamic noise) so that finite differences are meaningful.
 *
 * <p>{@link #linearRegression} is the default: one dense layer y = W x and {@code mse}, whose loss is a quadratic
 * in θ; with identity inputs it is a sphere ‖W − T‖²/(BK) around the targets.
 */
public record TrainerProblem(String description, Graph graph, LongFunction<Device> device,
                             LongFunction<Device> twin, Loss loss, Batch batch,
                             java.util.Optional<dev.pnn.spi.ir.TrainingPlan> plan) {

    /** A problem without a plan (what most trainers need). */
    public TrainerProblem(String description, Graph graph, LongFunction<Device> device, LongFunction<Device> twin,
                          Loss loss, Batch batch) {
        this(description, graph, device, twin, loss, batch, java.util.Optional.empty());
    }

    /**
     * The same problem with a training plan, which the trainer sees as {@code context.plan()} (physics-informed
     * trainers read their objective from it).
     */
    public TrainerProblem withPlan(dev.pnn.spi.ir.TrainingPlan p) {
        return new TrainerProblem(description, graph, device, twin, loss, batch, java.util.Optional.of(p));
    }

    /** L(θ) on the batch through a fresh device's forward view (what the trainer's estimates are checked against). */
    public double lossAt(double[] theta) {
        try (Device d = twin.apply(0)) {
            Tensor out = Tensor.of(graph.outputNode().type(), batch.size());
            d.view(ForwardView.class).forward(theta, batch.inputs(), out);
            return loss.evaluate(out, batch, null);
        }
    }

    /** The reference capabilities of {@link #linearRegression}'s device. */
    public static final Set<Capability> REFERENCE_CAPABILITIES = Set.of(Capability.FORWARD, Capability.TWIN,
            Capability.LAYERS, Capability.RESERVOIR);

    /**
     * One dense layer {@code n → k} without bias, mse loss, batch of {@code rows} samples (inputs N(0, 1) and
     * targets N(0, 1) from {@code seed}); with {@code identityInputs} the inputs are the unit vectors (rows = n)
     * and L(θ) = ‖W − Tᵀ‖²/(nk): a sphere.
     */
    public static TrainerProblem linearRegression(int n, int k, int rows, boolean identityInputs, long seed) {
        int b = identityInputs ? n : rows;
        Node x = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(n), List.of(), Loc.NONE);
        ParamSlice w = new ParamSlice("y.weight", 0, n * k, List.of(k, n), null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, new Init.Uniform(-1, 1));
        Node y = new Node("y", "linear", List.of("x"), Map.of(), ValueType.real(k), List.of(w), Loc.NONE);
        Graph g = new Graph("contract_linear", List.of(x, y), "y", Loc.NONE);
        Rng rng = Rng.derived(seed, "problem");
        Batch batch = Batch.allocate(b, n, false, k);
        for (int r = 0; r < b; r++)
            for (int i = 0; i < n; i++)
                batch.inputs().re[r * n + i] = identityInputs ? (r == i ? 1 : 0) : rng.nextGaussian();
        for (int i = 0; i < b * k; i++) batch.targets().re[i] = rng.nextGaussian();
        LongFunction<Device> open = s -> referenceDevice(g, s);
        return new TrainerProblem((identityInputs ? "sphere" : "quadratic") + ": linear " + n + " → " + k
                + " with mse on " + b + " samples", g, open, open, new MeanSquaredError(), batch);
    }

    /**
     * A regression problem on any backend: {@code graph} (e.g. a {@link BlockCase}'s) opened on {@code backend}
     * with its ideal profile, {@code rows} inputs uniform in [-1, 1] and targets uniform in [0, 0.5] from
     * {@code seed}, and {@code mse}. Use it for trainers that need capabilities of a particular backend (energy,
     * echo, scattering). The backend's forward must be deterministic on its ideal profile.
     */
    public static TrainerProblem regression(dev.pnn.spi.device.Backend backend, Graph graph, int rows, long seed) {
        HardwareProfile ideal = new HardwareProfile("contract_ideal", backend.name(), Map.of(), Loc.NONE);
        int n = graph.inputs().stream().mapToInt(x -> x.type().width()).sum();
        int k = graph.outputNode().type().width();
        Rng rng = Rng.derived(seed, "problem");
        Batch batch = Batch.allocate(rows, n, false, k);
        for (int i = 0; i < rows * n; i++) batch.inputs().re[i] = 2 * rng.nextDouble() - 1;
        for (int i = 0; i < rows * k; i++) batch.targets().re[i] = 0.5 * rng.nextDouble();
        LongFunction<Device> open = s -> backend.open(new dev.pnn.spi.device.DeviceRequest(graph, ideal, s, v -> List.of()));
        return new TrainerProblem("regression on " + backend.name() + " (" + graph.name() + ", " + rows + " samples, mse)",
                graph, open, open, new MeanSquaredError(), batch);
    }

    /**
     * One dense layer {@code n → classes} read as logits, {@code cross_entropy} on {@code rows} samples with inputs
     * N(0, 1) and random labels from {@code seed}: for trainers that need class labels (forward-forward).
     */
    public static TrainerProblem linearClassifier(int n, int classes, int rows, long seed) {
        TrainerProblem shape = linearRegression(n, classes, rows, false, seed);
        Rng rng = Rng.derived(seed, "labels");
        Batch batch = Batch.allocate(rows, n, true, 0);
        System.arraycopy(shape.batch().inputs().re, 0, batch.inputs().re, 0, rows * n);
        for (int r = 0; r < rows; r++) batch.labels()[r] = rng.nextInt(classes);
        return new TrainerProblem("classifier: linear " + n + " → " + classes + " logits with cross_entropy on " + rows
                + " samples", shape.graph(), shape.device(), shape.twin(), new CrossEntropy(), batch);
    }

    private static Device referenceDevice(Graph g, long seed) {
        List<DenseKernel> kernels = Arrays.asList(null, new DenseKernel(0, g.inputs().get(0).type().width(),
                g.outputNode().type().width()));
        HardwareProfile p = new HardwareProfile("contract_reference", "testkit_reference", Map.of(), Loc.NONE);
        return new KernelDevice(g, p, seed, REFERENCE_CAPABILITIES, kernels, kernels) {
            @Override
            protected <V extends View> V extraView(Class<V> type) {
                return type == ReservoirView.class ? type.cast(ReservoirView.over(view(LayersView.class))) : null;
            }
        };
    }

    @Override
    public String toString() {
        return description;
    }
}
