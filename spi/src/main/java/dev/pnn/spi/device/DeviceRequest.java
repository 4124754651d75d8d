package dev.pnn.spi.device;

import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;

import java.util.List;
import java.util.function.Function;

/**
 * What a backend needs to open a device: the graph, the profile (settings already checked), the instance seed,
 * and a resolver that turns a profile's noise value ({@code shot_noise(photons: 1e4) + adc(bits: 10)}) into
 * noise models from whichever plugin provides them.
 */
public record DeviceRequest(Graph graph, HardwareProfile profile, long seed,
                            Function<Value, List<NoiseModel>> noise) {
    public List<NoiseModel> noiseOf(String key) {
        Value v = profile.settings().get(key);
        return v == null ? List.of() : noise.apply(v);
    }
}
