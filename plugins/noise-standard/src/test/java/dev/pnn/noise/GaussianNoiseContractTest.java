package dev.pnn.noise;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.testkit.NoiseModelContract;

import java.util.List;
import java.util.Map;

/** The testkit's noise-model contract on {@code gaussian}, with a realistic and (where one exists) an ideal setting. */
class GaussianNoiseContractTest implements NoiseModelContract {
    @Override
    public NoiseModelFactory factory() {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals("gaussian")).findFirst().orElseThrow();
    }

    @Override
    public List<Map<String, Value>> argumentSets() {
        return List.of(Map.of("sigma", new Value.Num(0.05)), Map.of("sigma", new Value.Num(0.0)), Map.of("sigma", new Value.Num(0.02), "reading", new Value.Sym("ratio")));
    }
}
