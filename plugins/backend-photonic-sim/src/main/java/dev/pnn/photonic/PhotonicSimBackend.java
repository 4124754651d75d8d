package dev.pnn.photonic;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.SettingSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Backend {@code photonic_sim}. Without settings it is the ideal device; the noise keys of {@link #settings()}
 * are declared so profiles can name them, and are realized by the device's error hooks (see {@code MeshErrors}).
 */
final class PhotonicSimBackend implements Backend {
    static final String NAME = "photonic_sim";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS,
            Capability.NOISE);

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

    @Override
    public Device open(DeviceRequest request) {
        throw new PnnException("backend photonic_sim cannot open devices yet (the executor is being built)",
                "use this backend for checking only until the device lands");
    }
}
