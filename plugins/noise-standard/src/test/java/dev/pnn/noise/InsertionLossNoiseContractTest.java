package dev.pnn.noise;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.testkit.NoiseModelContract;

import java.util.List;
import java.util.Map;

/** The testkit's noise-model contract on {@code insertion_loss}, with a realistic and (where one exists) an ideal setting. */
class InsertionLossNoiseContractTest implements NoiseModelContract {
    @Override
    public NoiseModelFactory factory() {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals("insertion_loss")).findFirst().orElseThrow();
    }

    @Override
    public List<Map<String, Value>> argumentSets() {
        return List.of(Map.of("db_per_mzi", new Value.Num(0.2), "sigma", new Value.Num(0.05)), Map.of("db_per_mzi", new Value.Num(0.0)));
    }

    /** Values are losses in dB, ≥ 0; the model clips a negative total to 0 dB, which is outside its domain. */
    @Override
    public double[] valueRange() {
        return new double[]{0, 1};
    }
}
