package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.Neighbours;
import dev.pnn.spi.noise.StaticError;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a profile's noise settings become one instance's errors ({@link DeviceNoise}): the §2.2 sampling order,
 * determinism per seed, the zero-noise shortcut, unitarity under sampled errors, insertion loss and the §2.4
 * crosstalk neighbour rule. The noise models here are minimal stand-ins written from §2.4 (the real ones live in
 * the noise-standard plugin, whose device-level tests are in trainer-robust).
 */
class DeviceNoiseProperties {
    /** gaussian(sigma) as §2.4 states it: values[i] += σ·ξ, in index order. */
    record Gauss(double sigma) implements StaticError {
        @Override
        public void perturb(double[] values, int off, int len, Rng rng) {
            for (int i = off; i < off + len; i++) values[i] += sigma * rng.nextGaussian();
        }

        @Override
        public String describe() {
            return "gaussian(" + sigma + ")";
        }

        @Override
        public boolean isIdeal() {
            return sigma == 0;
        }
    }

    static DeviceRequest request(long seed, double phase, double splitter, double lossDb) {
        Map<String, Value> settings = new LinkedHashMap<>();
        settings.put("phase_error", new Value.Call("gaussian", List.of(), Map.of("sigma", new Value.Num(phase))));
        settings.put("splitter_error", new Value.Call("gaussian", List.of(), Map.of("sigma", new Value.Num(splitter))));
        if (lossDb > 0) settings.put("insertion_loss", new Value.Call("loss", List.of(), Map.of("db", new Value.Num(lossDb))));
        HardwareProfile p = new HardwareProfile("chip", "photonic_sim", settings, Loc.NONE);
        return new DeviceRequest(null, p, seed, v -> {
            Value.Call c = (Value.Call) v;
            double x = ((Value.Num) c.named().values().iterator().next()).value();
            NoiseModel m = c.name().equals("loss") ? new StaticError() {
                @Override
                public void perturb(double[] values, int off, int len, Rng rng) {
                    for (int i = off; i < off + len; i++) values[i] += x;
                }

                @Override
                public String describe() {
                    return "loss";
                }

                @Override
                public boolean isIdeal() {
                    return x == 0;
                }
            } : new Gauss(x);
            return List.of(m);
        });
    }

    @Property(tries = 30)
    void sampledMeshesStayUnitary(@ForAll @IntRange(min = 2, max = 12) int n, @ForAll boolean reck, @ForAll long seed) {
        MeshLayout layout = MeshProperties.layout(reck, n);
        MeshErrors e = DeviceNoise.of(request(seed, 0.1, 0.05, 0)).sample(layout, Rng.derived(seed, "static"));
        double[][] u = MeshProperties.matrix(layout, e, MeshProperties.randomPhases(new Rng(seed), n * n));
        assertTrue(MeshProperties.unitarityError(u, n) < 1e-12);
    }

    /** §2.2: per MZI (e_θ, e_φ, δ₁, δ₂) from one stream in layout order, then e_α. */
    @Test
    void errorsAreDrawnInLayoutOrder() {
        MeshLayout layout = MeshLayout.clements(4);
        MeshErrors e = DeviceNoise.of(request(9, 0.1, 0.2, 0)).sample(layout, Rng.derived(9, "static"));
        Rng r = Rng.derived(9, "static");
        for (int m = 0; m < layout.mzis(); m++) {
            assertEquals(0.1 * r.nextGaussian(), e.phaseOffset()[2 * m], 0.0);
            assertEquals(0.1 * r.nextGaussian(), e.phaseOffset()[2 * m + 1], 0.0);
            assertEquals(0.2 * r.nextGaussian(), e.delta1()[m], 0.0);
            assertEquals(0.2 * r.nextGaussian(), e.delta2()[m], 0.0);
        }
        for (int k = 0; k < 4; k++) assertEquals(0.1 * r.nextGaussian(), e.phaseOffset()[layout.alphaIndex(k)], 0.0);
        for (double t : e.transmission()) assertEquals(1.0, t, 0.0);
    }

    @Property(tries = 30)
    void sameSeedSameInstanceOtherSeedOtherInstance(@ForAll long seed) {
        MeshLayout layout = MeshLayout.clements(6);
        MeshErrors a = DeviceNoise.of(request(seed, 0.05, 0.05, 0)).sample(layout, Rng.derived(seed, "static"));
        MeshErrors b = DeviceNoise.of(request(seed, 0.05, 0.05, 0)).sample(layout, Rng.derived(seed, "static"));
        MeshErrors c = DeviceNoise.of(request(seed, 0.05, 0.05, 0)).sample(layout, Rng.derived(seed + 1, "static"));
        assertArrayEquals(a.phaseOffset(), b.phaseOffset(), 0.0);
        assertArrayEquals(a.delta1(), b.delta1(), 0.0);
        assertArrayEquals(a.delta2(), b.delta2(), 0.0);
        assertFalse(Arrays.equals(a.phaseOffset(), c.phaseOffset()));
    }

    @Test
    void allZeroNoiseMeansTheIdealDevice() {
        assertNull(DeviceNoise.of(request(1, 0, 0, 0)));
        assertTrue(DeviceNoise.of(request(1, 0, 0.01, 0)) != null);
    }

    /** A 2-mode Clements mesh is one MZI: L dB of insertion loss scales every output power by 10^(−L/10). */
    @Test
    void insertionLossAttenuatesPower() {
        MeshLayout layout = MeshLayout.clements(2);
        assertEquals(1, layout.mzis());
        MeshErrors e = DeviceNoise.of(request(3, 0, 0, 0.5)).sample(layout, Rng.derived(3, "static"));
        double[][] u = MeshProperties.matrix(layout, e, new double[]{0.3, 1.1, 0.2, -0.4});
        for (int j = 0; j < 2; j++) {
            double p = 0;
            for (int i = 0; i < 2; i++) p += u[0][i * 2 + j] * u[0][i * 2 + j] + u[1][i * 2 + j] * u[1][i * 2 + j];
            assertEquals(Math.pow(10, -0.05), p, 1e-14);
        }
    }

    /** §2.4: θ couples to θ and φ to φ of the MZIs in the same column at pair offset ±2; α has no neighbours. */
    @Test
    void clementsNeighboursFollowTheColumnRule() {
        MeshLayout layout = MeshLayout.clements(8);
        Neighbours nbr = MeshNeighbours.of(layout);
        assertEquals(64, nbr.size());
        // column 0 holds MZIs 0..3 on pairs k = 0, 2, 4, 6; column 1 holds MZIs 4..6 on k = 1, 3, 5
        assertArrayEquals(new int[]{2 * 1}, nbr.of(2 * 0));
        assertArrayEquals(new int[]{2 * 0, 2 * 2}, nbr.of(2 * 1));
        assertArrayEquals(new int[]{2 * 1 + 1, 2 * 3 + 1}, nbr.of(2 * 2 + 1));
        assertArrayEquals(new int[]{2 * 5}, nbr.of(2 * 4));
        assertArrayEquals(new int[]{2 * 4, 2 * 6}, nbr.of(2 * 5));
        for (int k = 0; k < 8; k++) assertEquals(0, nbr.of(layout.alphaIndex(k)).length);
        for (int i = 0; i < nbr.size(); i++) {
            int from = i;
            for (int j : nbr.of(i)) assertTrue(Arrays.stream(nbr.of(j)).anyMatch(x -> x == from), "symmetric");
        }
    }
}
