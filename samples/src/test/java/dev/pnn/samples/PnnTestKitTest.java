package dev.pnn.samples;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;
import dev.pnn.testkit.PnnTestKit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PnnTestKit} end to end with the built-in plugins (this module has the runtime on its class path): a
 * source with a mistake gives the compiler's diagnostic, and a small plan trains on in-memory data.
 */
class PnnTestKitTest {
    /** Three well-separated Gaussian blobs in 4 dimensions (centres ±2 on one axis each), seeded. */
    private static DataSplit blobs(long seed) {
        Rng rng = new Rng(seed);
        return new DataSplit(blobSet(rng, 150), blobSet(rng, 60));
    }

    private static Examples blobSet(Rng rng, int n) {
        double[] x = new double[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int d = 0; d < 4; d++) x[i * 4 + d] = 0.5 * rng.nextGaussian() + (d == labels[i] ? 2 : 0);
        }
        return new Examples(x, 4, labels, 3, null, 0);
    }

    private static final String SOURCE = """
            network Net {
                input x : real[4];
                output y = linear(x, out: 3);
            }
            hardware sim = photonic_sim;
            train Net {
                data = blobs; loss = cross_entropy; trainer = backprop; optimizer = adam(lr: 0.05);
                epochs = 10; batch = 16; seed = 0; on = sim;
            }
            """;

    @Test
    void a_mistake_is_reported_as_the_compilers_diagnostic() {
        PnnTestKit kit = PnnTestKit.withClasspathPlugins().withData("blobs", blobs(1));
        kit.compile(SOURCE).assertOk();
        PnnTestKit.Compiled bad = kit.compile(SOURCE.replace("linear(x, out: 3)", "linaer(x, out: 3)"));
        assertTrue(!bad.ok());
        bad.assertDiagnostic("linaer");
    }

    @Test
    void a_plan_trains_a_few_epochs_and_the_metrics_can_be_asserted() {
        PnnTestKit kit = PnnTestKit.withClasspathPlugins().withData("blobs", blobs(1));
        PnnTestKit.Run run = kit.train(SOURCE, 4).assertCompleted();
        assertEquals(4, run.history().size());
        assertTrue(run.last().trainLoss() < run.first().trainLoss(), run.history().toString());
        assertTrue(run.last().testAccuracy() > 0.9, run.history().toString());
        // same seed, same run: θ bit for bit
        PnnTestKit.Run again = kit.train(SOURCE, 4);
        assertTrue(java.util.Arrays.equals(run.params(), again.params()));
    }
}
