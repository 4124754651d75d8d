package dev.pnn.runtime.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.train.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonteCarloTest {
    static final int D = 4, K = 3, N = 200;
    final NoisyLinearBackend backend = new NoisyLinearBackend(D, K);
    final double[] theta = new double[D * K];
    final Examples test;

    /** Sum of squared logits / B: any smooth loss does; it makes every instance's error visible in the loss. */
    static final Loss SQUARES = (out, batch, grad) -> {
        double s = 0;
        for (int i = 0; i < out.rows() * out.width; i++) s += out.re[i] * out.re[i];
        return s / out.rows();
    };

    MonteCarloTest() {
        Rng r = new Rng(1);
        for (int i = 0; i < theta.length; i++) theta[i] = r.nextGaussian();
        double[] x = new double[N * D];
        int[] labels = new int[N];
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < D; j++) x[n * D + j] = r.nextGaussian();
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                double s = 0;
                for (int j = 0; j < D; j++) s += theta[k * D + j] * x[n * D + j];
                if (s > best) {
                    best = s;
                    labels[n] = k;
                }
            }
        }
        test = new Examples(x, D, labels, K, null, 0);
    }

    MonteCarloReport run(double sigma, int devices, long seed, int threads) {
        return new MonteCarlo(backend, backend.graph(), NoisyLinearBackend::resolve, SQUARES, test)
                .run(NoisyLinearBackend.profile(sigma), theta, new MonteCarlo.Config(devices, seed, threads));
    }

    @Test
    void zeroNoiseGivesIdenticalInstancesAndTheIdealAccuracy() {
        MonteCarloReport r = run(0.0, 6, 3, 2);
        assertEquals(1.0, r.idealAccuracy(), 0.0);
        for (MonteCarlo.Instance i : r.instances()) assertEquals(r.idealAccuracy(), i.accuracy(), 0.0);
        assertEquals(0.0, r.accuracy().std(), 0.0);
        assertEquals(r.accuracy().ciLow(), r.accuracy().ciHigh(), 0.0);
        assertEquals(0.0, r.loss().std(), 0.0);
    }

    @Test
    void sameSeedsGiveTheSameReportWhateverTheThreadCount() {
        MonteCarloReport a = run(0.5, 7, 11, 1), b = run(0.5, 7, 11, 2);
        assertEquals(a.instances(), b.instances());
        assertEquals(a.accuracy(), b.accuracy());
        assertEquals(a.loss(), b.loss());
        assertTrue(!a.instances().equals(run(0.5, 7, 12, 2).instances()), "another eval seed, other devices");
    }

    @Test
    void instancesDrawDifferentErrorsAndUseDerivedSeeds() {
        MonteCarloReport r = run(0.5, 8, 5, 2);
        Set<Double> losses = new HashSet<>();
        for (MonteCarlo.Instance i : r.instances()) {
            losses.add(i.loss());
            assertEquals(dev.pnn.spi.Seeds.derive(5, "device/" + i.index()), i.seed());
            assertEquals(N, i.queries());
        }
        assertEquals(8, losses.size());
        assertTrue(r.accuracy().mean() < 1.0 && r.accuracy().min() <= r.accuracy().mean());
        assertEquals(9L * N, r.queries());
    }

    @Test
    void summaryJsonAndTable(@TempDir Path dir) throws Exception {
        MonteCarloReport r = run(0.3, 4, 2, 2);
        JsonNode json = new ObjectMapper().readTree(r.write(dir).toFile());
        assertEquals("monte_carlo", json.get("kind").asText());
        JsonNode rep = json.get("report");
        assertEquals(4, rep.get("devices").asInt());
        assertEquals(r.accuracy().mean(), rep.get("accuracy").get("mean").asDouble(), 0.0);
        assertEquals(4, rep.get("instances").size());
        String table = r.table();
        assertTrue(table.contains("accuracy%") && table.contains("4 devices") && table.contains("ideal device"), table);
    }

    @Test
    void needsAtLeastOneDevice() {
        assertThrows(PnnException.class, () -> new MonteCarlo.Config(0, 1, 2));
    }
}
