package org.example.pnn.crossbar;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.BlockCases;
import dev.pnn.testkit.PnnArbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The crossbar's own physics (ALGORITHMS.md §2.7), beyond what the generic contract knows. */
class CrossbarPhysicsProperties {
    private final CrossbarBackend backend = new CrossbarBackend();

    private static Graph graph(int n, int out, int levels, boolean bias) {
        return BlockCases.build(CrossbarBlocks.crossbar(), n, Map.of("out", new Value.Num(out),
                "levels", new Value.Num(levels), "bias", new Value.Bool(bias)), List.of()).orElseThrow().graph();
    }

    private Tensor run(Graph g, Map<String, Value> settings, long seed, double[] theta, Tensor x) {
        HardwareProfile p = new HardwareProfile("p", CrossbarBackend.NAME, settings, Loc.NONE);
        try (Device d = backend.open(new DeviceRequest(g, p, seed, v -> List.of()))) {
            Tensor y = Tensor.real(x.rows(), g.outputNode().type().width());
            d.view(ForwardView.class).forward(theta, x, y);
            return y;
        }
    }

    /** §2.7 oracle: a noiseless, continuous crossbar equals the matrix product within 1e-12. */
    @Property(tries = 100)
    void noiseless_continuous_crossbar_is_the_matrix_product(@ForAll @IntRange(min = 1, max = 6) int n,
                                                             @ForAll @IntRange(min = 1, max = 5) int out,
                                                             @ForAll boolean bias, @ForAll long seed) {
        Graph g = graph(n, out, 0, bias);
        Rng rng = new Rng(seed);
        double[] theta = PnnArbitraries.drawParameters(g, rng);
        Tensor x = PnnArbitraries.drawBatch(n, 3, rng);
        Tensor y = run(g, Map.of(), seed, theta, x);
        for (int b = 0; b < 3; b++)
            for (int j = 0; j < out; j++) {
                double s = bias ? theta[out * n + j] : 0;
                for (int i = 0; i < n; i++) s += theta[j * n + i] * x.re[b * n + i];
                assertEquals(s, y.re[b * out + j], 1e-12);
            }
    }

    /** Each device sits on one of the levels, so every effective weight is a difference of two levels over g₀. */
    @Property(tries = 100)
    void quantized_weights_are_differences_of_programmable_levels(@ForAll @IntRange(min = 2, max = 64) int levels,
                                                                   @ForAll long seed) {
        Graph g = graph(1, 1, levels, false);
        double w = 2 * new Rng(seed).nextDouble() - 1;
        Tensor x = Tensor.real(1, 1);
        x.re[0] = 1;
        double y = run(g, Map.of(), seed, new double[]{w}, x).re[0];
        double steps = y * (levels - 1); // (G⁺ − G⁻)/g₀ in units of one level step
        assertEquals(Math.rint(steps), steps, 1e-9, "weight " + y + " is not a whole number of level steps");
        assertTrue(Math.abs(y - w) <= 0.5 / (levels - 1) + 1e-12, "quantized " + w + " to " + y);
    }

    /** Programming noise is static (same chip, same θ: same output) and read noise is per read with σ_r. */
    @Property(tries = 20)
    void programming_noise_is_static_and_read_noise_has_its_sigma(@ForAll @LongRange(min = 0, max = 1000) long seed) {
        Graph g = graph(4, 2, 0, true);
        double[] theta = PnnArbitraries.drawParameters(g, new Rng(seed));
        Tensor x = PnnArbitraries.drawBatch(4, 1, new Rng(seed + 1));
        Tensor ideal = run(g, Map.of(), seed, theta, x);
        Map<String, Value> programmed = Map.of("program_noise", new Value.Num(0.05));
        Tensor a = run(g, programmed, seed, theta, x), b = run(g, programmed, seed, theta, x);
        assertEquals(a.re[0], b.re[0], 0.0, "same seed: same chip");
        assertTrue(a.re[0] != ideal.re[0], "programming noise must move the output");
        // read noise: 4000 reads of one output; its sample σ is within 5 % of σ_r (4000 draws: s.e. ≈ 1.1 %)
        HardwareProfile p = new HardwareProfile("p", CrossbarBackend.NAME, Map.of("read_noise", new Value.Num(0.02)), Loc.NONE);
        int reads = 4000;
        Tensor batch = Tensor.real(reads, 4);
        for (int r = 0; r < reads; r++) System.arraycopy(x.re, 0, batch.re, r * 4, 4);
        Tensor y = Tensor.real(reads, 2);
        try (Device d = backend.open(new DeviceRequest(g, p, seed, v -> List.of()))) {
            d.view(ForwardView.class).forward(theta, batch, y);
            assertEquals(reads, d.queries().get(dev.pnn.spi.QueryKind.FORWARD));
        }
        double mean = 0, m2 = 0;
        for (int r = 0; r < reads; r++) mean += y.re[2 * r] / reads;
        for (int r = 0; r < reads; r++) m2 += (y.re[2 * r] - mean) * (y.re[2 * r] - mean);
        double sd = Math.sqrt(m2 / (reads - 1));
        assertEquals(0.02, sd, 0.05 * 0.02);
        assertEquals(ideal.re[0], mean, 5 * 0.02 / Math.sqrt(reads));
    }
}
