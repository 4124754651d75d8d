package dev.pnn.noise;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.testkit.NoiseModelContract;

import java.util.List;
import java.util.Map;

/** The testkit's noise-model contract on {@code readout}, with a realistic and (where one exists) an ideal setting. */
class ReadoutNoiseContractTest implements NoiseModelContract {
    @Override
    public NoiseModelFactory factory() {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals("readout")).findFirst().orElseThrow();
    }

    @Override
    public List<Map<String, Value>> argumentSets() {
        return List.of(Map.of("sigma", new Value.Num(0.01)), Map.of("sigma", new Value.Num(0.0)));
    }
}
