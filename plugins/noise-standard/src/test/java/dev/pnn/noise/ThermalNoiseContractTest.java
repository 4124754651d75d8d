package dev.pnn.noise;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.testkit.NoiseModelContract;

import java.util.List;
import java.util.Map;

/** The testkit's noise-model contract on {@code thermal}, with a realistic and (where one exists) an ideal setting. */
class ThermalNoiseContractTest implements NoiseModelContract {
    @Override
    public NoiseModelFactory factory() {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals("thermal")).findFirst().orElseThrow();
    }

    @Override
    public List<Map<String, Value>> argumentSets() {
        return List.of(Map.of("coupling", new Value.Num(0.1)), Map.of("coupling", new Value.Num(0.0)));
    }
}
