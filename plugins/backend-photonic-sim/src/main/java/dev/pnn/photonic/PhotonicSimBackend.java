package dev.pnn.photonic;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.SettingSpec;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Backend {@code photonic_sim}. Without settings it is the ideal device; the noise keys of {@link #settings()}
 * are realized by {@link DeviceNoise} through the kernels' error hooks ({@link MeshErrors}, {@link PhaseMap}).
 */
final class PhotonicSimBackend implements Backend {
    static final String NAME = "photonic_sim";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS,
            Capability.NOISE, Capability.RESERVOIR);

    static final List<String> BLOCKS = List.of("modulate", "clements", "reck", "photodetect", "take", "gain", "linear",
            "bias", "relu", "tanh");

    private final Set<String> blocks;

    PhotonicSimBackend(List<String> blocks) {
        this.blocks = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(blocks));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "simulated photonic chip: MZI meshes (Clements, Reck), modulators, detectors, digital blocks";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> blocks() {
        return blocks;
    }

    @Override
    public List<SettingSpec> settings() {
        return List.of(
                SettingSpec.noise("phase_error", List.of("static"),
                        "static error added to every programmed phase (rad), drawn once per device"),
                SettingSpec.noise("splitter_error", List.of("static"),
                        "static coupler angle error delta (rad): each coupler is at pi/4 + delta"),
                SettingSpec.noise("crosstalk", List.of("crosstalk"),
                        "thermal crosstalk between neighbouring phase shifters of one column"),
                SettingSpec.noise("insertion_loss", List.of("loss"), "optical power loss along the mesh"),
                SettingSpec.noise("detector", List.of("signal"), "per-query noise on detected powers"),
                SettingSpec.noise("dac", List.of("dac"), "quantization of programmed phases"),
                SettingSpec.noise("drift", List.of("drift"), "slow drift of phases between queries"));
    }

    /**
     * Opens the device: one kernel per node run by the generic {@link KernelDevice}. An ideal profile passes the
     * same ideal kernels as physical and twin. Otherwise {@link DeviceNoise} builds the instance: meshes through
     * {@link PhotonicKernels#mesh} with sampled {@link MeshErrors} (stream {@code derive(seed, "static")}) and a
     * {@link PhaseMap} (DAC, crosstalk, drift), and a noisy photodetector for the physical side (stream
     * {@code "dynamic"}); see {@link DeviceNoise} for what its twin keeps.
     */
    @Override
    public Device open(DeviceRequest request) {
        Graph graph = request.graph();
        for (String key : request.profile().settings().keySet()) {
            if (settings().stream().noneMatch(s -> s.key().equals(key)))
                throw new PnnException("photonic_sim has no setting '" + key + "' (profile " + request.profile().name()
                        + ")", request.profile().loc(), "settings of photonic_sim: "
                        + String.join(", ", settings().stream().map(SettingSpec::key).toList()));
        }
        DeviceNoise noise = DeviceNoise.of(request); // null when every noise model is ideal: the ideal device
        List<Kernel> kernels = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (!node.isInput() && !blocks.contains(node.op()))
                throw new PnnException("backend photonic_sim cannot run block '" + node.op() + "' (node " + node.id()
                        + ")", node.loc(), "photonic_sim runs: " + String.join(", ", blocks));
            kernels.add(PhotonicKernels.ideal(node));
        }
        if (noise == null)
            return new KernelDevice(graph, request.profile(), request.seed(), CAPABILITIES, kernels, kernels);
        Rng dynamic = Rng.derived(request.seed(), "dynamic");
        List<List<Kernel>> noisy = noise.kernels(graph, dynamic); // physical and (calibrated) twin kernels of this instance
        return new NoisyDevice(graph, request.profile(), request.seed(), CAPABILITIES, noisy.get(0), noisy.get(1),
                dynamic, noise.driftProcesses());
    }
}
