package dev.pnn.noise;

import dev.pnn.spi.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalNoiseProperties {
    /** §2.4 oracle: 10⁵ samples at fixed P, mean within 4 SE of P, variance within 5% of P/n. Both regimes. */
    @ParameterizedTest
    @CsvSource({"100, 0.05", "1000, 0.013", "10000, 0.3", "1e4, 1.0"})
    void shotNoiseMeanAndVariance(double photons, double p) {
        int n = 100_000;
        double[] v = new double[n];
        java.util.Arrays.fill(v, p);
        new ShotNoise(photons).apply(v, 0, n, new Rng(42));
        double mean = 0, sq = 0;
        for (double x : v) mean += x;
        mean /= n;
        for (double x : v) sq += (x - mean) * (x - mean);
        double var = sq / (n - 1), expected = p / photons;
        assertTrue(Math.abs(mean - p) < 4 * Math.sqrt(expected / n), "mean " + mean + " vs " + p);
        assertEquals(expected, var, 0.05 * expected, "variance");
    }

    @Test
    void shotNoiseInExactRegimeGivesCountsOverN() {
        double[] v = new double[1000];
        java.util.Arrays.fill(v, 0.03);
        new ShotNoise(100).apply(v, 0, v.length, new Rng(1));
        for (double x : v) assertEquals(Math.rint(x * 100), x * 100, 1e-9);
    }

    @Test
    void zeroPowerGivesNoPhotons() {
        double[] v = {0, 0, -1e-3};
        new ShotNoise(1e4).apply(v, 0, 3, new Rng(5));
        assertArrayEquals(new double[]{0, 0, 0}, v, 0.0);
    }

    @Property(tries = 50)
    void readoutNoiseIsSeededAndAdditive(@ForAll long seed) {
        double[] a = {0.1, 0.2, 0.3}, b = a.clone();
        new ReadoutNoise("readout", 0.01).apply(a, 0, 3, new Rng(seed));
        Rng r = new Rng(seed);
        for (int i = 0; i < 3; i++) assertEquals(b[i] + 0.01 * r.nextGaussian(), a[i], 0.0);
    }

    @Property(tries = 200)
    void adcErrorIsAtMostHalfAStep(@ForAll @IntRange(min = 1, max = 16) int bits,
                                   @ForAll @DoubleRange(min = -0.5, max = 1.5) double x) {
        Adc q = new Adc(bits, 0, 1);
        double c = Math.max(0, Math.min(1, x));
        // 1e-12 relative slack: q is computed as lo + Δ·k, with one rounding in each of Δ, the product and the sum.
        assertTrue(Math.abs(q.quantize(x) - c) <= q.step() / 2 * (1 + 1e-12), x + " -> " + q.quantize(x));
    }

    @Property(tries = 200)
    void adcIsIdempotent(@ForAll @IntRange(min = 1, max = 16) int bits,
                         @ForAll @DoubleRange(min = -2, max = 3) double x,
                         @ForAll @DoubleRange(min = -2, max = 0) double lo,
                         @ForAll @DoubleRange(min = 0.1, max = 3) double width) {
        Adc q = new Adc(bits, lo, lo + width);
        double once = q.quantize(x);
        assertEquals(once, q.quantize(once), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3", "5", "8"})
    void adcHasExactlyTwoToTheBitsLevels(int bits) {
        Adc q = new Adc(bits, -0.3, 0.7);
        TreeSet<Double> levels = new TreeSet<>();
        int steps = 1 << (bits + 6);
        for (int i = -steps / 4; i <= steps + steps / 4; i++) levels.add(q.quantize(-0.3 + (double) i / steps));
        assertEquals(1 << bits, levels.size());
        assertEquals(-0.3, levels.first(), 0.0);
        assertEquals(0.7, levels.last(), 1e-15);
    }

    @Test
    void adcTiesRoundUp() {
        Adc q = new Adc(2, 0, 3); // Δ = 1, levels 0, 1, 2, 3
        assertEquals(2.0, q.quantize(1.5), 0.0);
        assertEquals(1.0, q.quantize(0.5), 0.0);
        assertEquals(0.0, q.quantize(0.4999999), 0.0);
        assertEquals(3.0, q.quantize(7), 0.0);
        assertEquals(0.0, q.quantize(-7), 0.0);
        assertTrue(Double.isNaN(q.quantize(Double.NaN)));
        assertEquals(1.0, q.straightThrough(2.0), 0.0);
        assertEquals(0.0, q.straightThrough(3.5), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"1", "3", "6"})
    void phaseDacHasTwoToTheBitsLevelsModuloTwoPi(int bits) {
        PhaseDac dac = new PhaseDac(bits);
        TreeSet<Long> levels = new TreeSet<>();
        for (int i = -5000; i < 5000; i++) {
            double q = dac.quantize(i * 0.01);
            long k = Math.round(q / dac.step());
            assertEquals(k * dac.step(), q, 1e-12);
            levels.add(Math.floorMod(k, 1L << bits)); // 2π is the same phase as 0
        }
        assertEquals(1L << bits, levels.size());
    }

    @Property(tries = 200)
    void phaseDacIsWithinHalfAStepOfTheSamePhase(@ForAll @IntRange(min = 1, max = 16) int bits,
                                                 @ForAll @DoubleRange(min = -20, max = 20) double x) {
        PhaseDac dac = new PhaseDac(bits);
        double d = dac.quantize(x) - x;
        double wrapped = d - 2 * Math.PI * Math.rint(d / (2 * Math.PI));
        assertTrue(Math.abs(wrapped) <= dac.step() / 2 + 1e-12, "error " + wrapped);
        double q = dac.quantize(x);
        // idempotent, except that the level 2π is re-read as the same phase 0
        assertEquals(q == 2 * Math.PI ? 0.0 : q, dac.quantize(q), 0.0);
    }

    @Test
    void phaseDacTiesRoundUp() {
        PhaseDac dac = new PhaseDac(2); // step π/2
        assertEquals(Math.PI / 2, dac.quantize(Math.PI / 4), 0.0);
        assertEquals(0.0, dac.quantize(Math.PI / 4 - 1e-9), 0.0);
    }
}
