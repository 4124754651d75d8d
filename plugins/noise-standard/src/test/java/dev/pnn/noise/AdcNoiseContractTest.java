package dev.pnn.noise;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.testkit.NoiseModelContract;

import java.util.List;
import java.util.Map;

/** The testkit's noise-model contract on {@code adc}, with a realistic and (where one exists) an ideal setting. */
class AdcNoiseContractTest implements NoiseModelContract {
    @Override
    public NoiseModelFactory factory() {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals("adc")).findFirst().orElseThrow();
    }

    @Override
    public List<Map<String, Value>> argumentSets() {
        return List.of(Map.of("bits", new Value.Num(4.0)), Map.of("bits", new Value.Num(10.0), "lo", new Value.Num(-1.0), "hi", new Value.Num(1.0)));
    }
}
