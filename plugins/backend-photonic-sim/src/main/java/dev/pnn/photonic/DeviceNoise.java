package dev.pnn.photonic;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.noise.ControlQuantizer;
import dev.pnn.spi.noise.Crosstalk;
import dev.pnn.spi.noise.Drift;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.SignalNoise;
import dev.pnn.spi.noise.StaticError;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-idealities of one device instance (ALGORITHMS.md §2.4), turned into kernels. Static errors are drawn
 * once from {@code derive(deviceSeed, "static")}: for every mesh node in graph order, per MZI in layout order
 * (e_θ, e_φ from {@code phase_error}, then δ₁, δ₂ from {@code splitter_error}), then e_α, then the mesh's per-MZI
 * {@code insertion_loss} (dB). Per-query noise ({@code detector}, {@code drift}) draws from one stream
 * {@code derive(deviceSeed, "dynamic")} in query order (the stream's position is the device's checkpoint state,
 * {@link NoisyDevice}). Programmed phases pass the {@code dac}, then
 * {@code crosstalk}, then get the drift offset and the static error ({@link NoisyPhaseMap}).
 *
 * <p>Physical kernels carry everything; twin kernels model the instance as a lab would after calibrating it:
 * the same static errors, DAC and crosstalk (straight-through / transpose pull-backs) and the current drift
 * state, but no per-query detector noise and no drift advance. PAT's ideal twin is a separate, ideal device.
 */
final class DeviceNoise {
    static final String PHASE = "phase_error", SPLITTER = "splitter_error", CROSSTALK = "crosstalk",
            LOSS = "insertion_loss", DETECTOR = "detector", DAC = "dac", DRIFT = "drift";

    private final List<StaticError> phase, splitter, loss;
    private final List<Crosstalk> crosstalk;
    private final List<SignalNoise> detector;
    private final List<ControlQuantizer> dac;
    private final List<Drift> drift;
    private final List<Drift.Process> started = new ArrayList<>();
    private final long seed;

    private DeviceNoise(DeviceRequest request) {
        String profile = request.profile().name();
        phase = models(request, profile, PHASE, StaticError.class);
        splitter = models(request, profile, SPLITTER, StaticError.class);
        loss = models(request, profile, LOSS, StaticError.class);
        crosstalk = models(request, profile, CROSSTALK, Crosstalk.class);
        detector = models(request, profile, DETECTOR, SignalNoise.class);
        dac = models(request, profile, DAC, ControlQuantizer.class);
        drift = models(request, profile, DRIFT, Drift.class);
        seed = request.seed();
    }

    /** The drift processes started by {@link #kernels}, in node order: part of the instance's checkpoint state. */
    List<Drift.Process> driftProcesses() {
        return List.copyOf(started);
    }

    /** The instance's noise, or null when every model is ideal (the device is then exactly the ideal one). */
    static DeviceNoise of(DeviceRequest request) {
        DeviceNoise n = new DeviceNoise(request);
        return n.isIdeal() ? null : n;
    }

    boolean isIdeal() {
        List<NoiseModel> all = new ArrayList<>();
        all.addAll(phase);
        all.addAll(splitter);
        all.addAll(loss);
        all.addAll(crosstalk);
        all.addAll(detector);
        all.addAll(dac);
        all.addAll(drift);
        return all.stream().allMatch(NoiseModel::isIdeal);
    }

    /** Physical (index 0) and twin (index 1) kernels, one per node (null for inputs), drawing from {@code dynamic}. */
    List<List<Kernel>> kernels(Graph graph, Rng dynamic) {
        Rng staticRng = Rng.derived(seed, "static");
        List<Kernel> physical = new ArrayList<>(), twin = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (node.isInput()) {
                physical.add(null);
                twin.add(null);
            } else if (PhotonicKernels.isMesh(node)) {
                MeshLayout layout = PhotonicKernels.layout(node);
                MeshErrors errors = sample(layout, staticRng);
                List<Drift.Process> processes = drift.stream().map(d -> d.start(layout.params())).toList();
                started.addAll(processes);
                physical.add(new DriftingMesh(PhotonicKernels.mesh(node, errors, phaseMap(layout, processes)),
                        processes, dynamic));
                twin.add(PhotonicKernels.mesh(node, errors, phaseMap(layout, processes)));
            } else if (node.op().equals("photodetect") && !detector.isEmpty()) {
                physical.add(new NoisyDetector(PhotonicKernels.ideal(node), detector, dynamic));
                twin.add(PhotonicKernels.ideal(node));
            } else {
                physical.add(PhotonicKernels.ideal(node));
                twin.add(PhotonicKernels.ideal(node));
            }
        }
        return List.of(physical, twin);
    }

    /** §2.2 order: per MZI (e_θ, e_φ, δ₁, δ₂), then e_α; then this mesh's insertion losses. */
    MeshErrors sample(MeshLayout layout, Rng rng) {
        int m = layout.mzis(), n = layout.modes();
        double[] offset = new double[layout.params()];
        double[] d1 = new double[m], d2 = new double[m], lossDb = new double[m], t = new double[m];
        double[] pair = new double[2];
        for (int i = 0; i < m; i++) {
            for (StaticError e : phase) e.perturb(offset, layout.thetaIndex(i), 2, rng);
            pair[0] = 0;
            pair[1] = 0;
            for (StaticError e : splitter) e.perturb(pair, 0, 2, rng);
            d1[i] = pair[0];
            d2[i] = pair[1];
        }
        for (StaticError e : phase) e.perturb(offset, layout.alphaIndex(0), n, rng);
        for (StaticError e : loss) e.perturb(lossDb, 0, m, rng);
        for (int i = 0; i < m; i++) t[i] = Math.pow(10.0, -lossDb[i] / 20.0);
        return new MeshErrors(offset, d1, d2, t);
    }

    private PhaseMap phaseMap(MeshLayout layout, List<Drift.Process> processes) {
        if (dac.isEmpty() && crosstalk.isEmpty() && processes.isEmpty()) return PhaseMap.IDENTITY;
        return new NoisyPhaseMap(dac, crosstalk, MeshNeighbours.of(layout), processes);
    }

    private static <T extends NoiseModel> List<T> models(DeviceRequest request, String profile, String key,
                                                         Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (NoiseModel m : request.noiseOf(key)) {
            if (!kind.isInstance(m))
                throw new PnnException("profile '" + profile + "': setting '" + key + "' needs a "
                        + kind.getSimpleName() + " model, but " + m.describe() + " is not one",
                        request.profile().loc(), "see `pnn plugins` for the noise models each setting accepts");
            out.add(kind.cast(m));
        }
        return out;
    }
}
