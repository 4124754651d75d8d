package dev.pnn.noise;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Dimension;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;

import java.util.List;
import java.util.Set;

/**
 * The standard non-idealities of photonic hardware (ALGORITHMS.md §2.4). Roles match the profile keys of the
 * photonic backend: "static" (phase_error, splitter_error), "crosstalk", "loss", "signal" (detector), "dac",
 * "drift".
 */
public final class StandardNoisePlugin implements PnnPlugin {
    static final String STATIC = "static", CROSSTALK = "crosstalk", LOSS = "loss", SIGNAL = "signal", DAC = "dac",
            DRIFT = "drift";

    @Override
    public String name() {
        return "noise-standard";
    }

    @Override
    public List<NoiseModelFactory> noiseModels() {
        return List.of(
                new NoiseFactory("gaussian",
                        "static Gaussian error: phase offsets (rad) or splitter angles δ; reading: ratio converts a split-ratio error",
                        List.of(ArgSpec.quantity("sigma", Dimension.ANGLE, null, "standard deviation (rad, or a bar-fraction with reading: ratio)"),
                                ArgSpec.symbol("reading", "angle", List.of("angle", "ratio"),
                                        "angle: add N(0,σ²) to the angle; ratio: σ is the split-ratio std, δ = −½·asin(2ε)")),
                        Set.of(STATIC), StandardNoisePlugin::gaussian),
                new NoiseFactory("thermal", "thermal crosstalk: neighbour heater drives couple into each phase",
                        List.of(ArgSpec.number("coupling", null, "χ: radians of phase per radian of neighbour drive")),
                        Set.of(CROSSTALK),
                        a -> new ThermalCrosstalk(Checks.nonNegative("thermal", "coupling", a.number("coupling")))),
                new NoiseFactory("insertion_loss", "optical loss per MZI in dB, with an optional static spread",
                        List.of(ArgSpec.quantity("db_per_mzi", Dimension.LEVEL, null, "mean loss of one MZI (dB)"),
                                ArgSpec.quantity("sigma", Dimension.LEVEL, new Value.Num(0, Unit.DB), "per-MZI static spread (dB)")),
                        Set.of(LOSS),
                        a -> new InsertionLoss(Checks.nonNegative("insertion_loss", "db_per_mzi", a.number("db_per_mzi")),
                                Checks.nonNegative("insertion_loss", "sigma", a.number("sigma")))),
                new NoiseFactory("shot_noise", "detector shot noise: Poisson(n·P)/n, 1 = full scale",
                        List.of(ArgSpec.number("photons", null, "photons at full scale")),
                        Set.of(SIGNAL), a -> new ShotNoise(Checks.positive("shot_noise", "photons", a.number("photons")))),
                readout("readout"),
                readout("detector"),
                new NoiseFactory("adc", "uniform ADC quantizer with 2^bits levels over [lo, hi], ties round up",
                        List.of(ArgSpec.integer("bits", null, "resolution"),
                                ArgSpec.number("lo", 0.0, "lowest level"), ArgSpec.number("hi", 1.0, "highest level")),
                        Set.of(SIGNAL), StandardNoisePlugin::adc),
                new NoiseFactory("dac", "phase DAC: x mod 2π rounded to steps of 2π/2^bits, ties up",
                        List.of(ArgSpec.integer("bits", null, "resolution")),
                        Set.of(DAC), a -> new PhaseDac(Checks.bits("dac", a.integer("bits")))),
                new NoiseFactory("drift", "per-query phase random walk, independent per shifter",
                        List.of(ArgSpec.quantity("step", Dimension.ANGLE, null, "standard deviation per query (rad)")),
                        Set.of(DRIFT),
                        a -> new PhaseDrift(Checks.nonNegative("drift", "step", a.number("step")), false, 0)),
                new NoiseFactory("thermal_drift", "per-query chip temperature random walk shifting every phase",
                        List.of(ArgSpec.number("step", null, "temperature standard deviation per query (K, plain number)"),
                                ArgSpec.number("rad_per_kelvin", 1.0, "phase shift per kelvin")),
                        Set.of(DRIFT),
                        a -> new PhaseDrift(Checks.nonNegative("thermal_drift", "step", a.number("step")), true,
                                a.number("rad_per_kelvin"))));
    }

    private static NoiseFactory readout(String name) {
        return new NoiseFactory(name, "additive Gaussian readout noise σ·ξ",
                List.of(ArgSpec.number("sigma", null, "standard deviation, in full-scale units")),
                Set.of(SIGNAL), a -> new ReadoutNoise(name, Checks.nonNegative(name, "sigma", a.number("sigma"))));
    }

    private static GaussianError gaussian(Args a) {
        double sigma = Checks.nonNegative("gaussian", "sigma", a.number("sigma"));
        GaussianError.Reading reading = switch (a.symbol("reading", "angle")) {
            case "angle" -> GaussianError.Reading.ANGLE;
            case "ratio" -> GaussianError.Reading.RATIO;
            default -> throw new PnnException("gaussian: reading must be 'angle' or 'ratio', got " + a.symbol("reading"),
                    "write gaussian(sigma: 0.02, reading: ratio) for a split-ratio error");
        };
        return new GaussianError(sigma, reading);
    }

    private static Adc adc(Args a) {
        int bits = Checks.bits("adc", a.integer("bits"));
        double lo = a.number("lo", 0.0), hi = a.number("hi", 1.0);
        if (!(hi > lo))
            throw new PnnException("adc: hi must be greater than lo, got lo = " + lo + ", hi = " + hi,
                    "write e.g. adc(bits: 10, lo: 0, hi: 1)");
        return new Adc(bits, lo, hi);
    }
}
