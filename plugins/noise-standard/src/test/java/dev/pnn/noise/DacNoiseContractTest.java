package dev.pnn.noise;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.testkit.NoiseModelContract;

import java.util.List;
import java.util.Map;

/** The testkit's noise-model contract on {@code dac}, with a realistic and (where one exists) an ideal setting. */
class DacNoiseContractTest implements NoiseModelContract {
    @Override
    public NoiseModelFactory factory() {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals("dac")).findFirst().orElseThrow();
    }

    @Override
    public List<Map<String, Value>> argumentSets() {
        return List.of(Map.of("bits", new Value.Num(4.0)), Map.of("bits", new Value.Num(8.0)));
    }

    /**
     * A phase DAC quantizes x mod 2π; it returns 2π (not 0) for values just below a multiple of 2π, which is the
     * same phase, so idempotence is checked modulo 2π.
     */
    @Override
    public double quantizerPeriod() {
        return 2 * Math.PI;
    }
}
