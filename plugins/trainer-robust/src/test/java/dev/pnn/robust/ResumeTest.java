package dev.pnn.robust;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume as the runtime does it (this module has no runtime): a session opens fresh devices from the seed and a
 * fresh trainer, restores θ and the trainer's {@code state()} saved at the end of the first session, and trains
 * on; like the runtime it also restores the training device's {@code state()} (its per-query noise stream).
 * 4 epochs straight must equal 2 + 2 resumed bit for bit. Static fabrication errors are re-drawn identically from
 * the device seed; detector noise continues from the saved stream position.
 */
class ResumeTest {
    static final PhotonicBench BENCH = new PhotonicBench(4, 3);
    static final long SEED = 11;
    static final List<Batch> DATA = List.of(BENCH.batch(6, 1), BENCH.batch(6, 2), BENCH.batch(6, 3));

    static HardwareProfile fabricated() {
        Map<String, Value> s = new LinkedHashMap<>();
        s.put("phase_error", PhotonicBench.call("gaussian", "sigma", 0.05));
        s.put("splitter_error", PhotonicBench.call("gaussian", "sigma", 0.03));
        s.put("crosstalk", PhotonicBench.call("thermal", "coupling", 0.02));
        s.put("insertion_loss", PhotonicBench.call("insertion_loss", "db_per_mzi", 0.1));
        return PhotonicBench.profile("chip", s);
    }

    /** Static errors plus per-query detector noise. */
    static HardwareProfile noisy() {
        Map<String, Value> s = new LinkedHashMap<>(fabricated().settings());
        s.put("detector", PhotonicBench.sum(PhotonicBench.call("readout", "sigma", 0.01)));
        return PhotonicBench.profile("noisy", s);
    }

    /** θ, trainer and device state after a session that trained epochs [from, to). */
    record Saved(double[] theta, long[] state, long[] device) {
    }

    static Saved session(Value.Call trainer, Saved resume, int from, int to) {
        return session(trainer, fabricated(), resume, from, to);
    }

    static Saved session(Value.Call trainer, HardwareProfile profile, Saved resume, int from, int to) {
        try (Device chip = BENCH.open(profile, SEED); Device twin = BENCH.open(PhotonicBench.ideal(), SEED + 1)) {
            GradientTrainer g = (GradientTrainer) BENCH.trainer(trainer, BENCH.context(chip, twin));
            double[] theta = resume == null ? BENCH.theta(SEED) : resume.theta().clone();
            if (resume != null) {
                g.restore(resume.state().clone());
                chip.restore(resume.device().clone());
            }
            double[] grad = new double[theta.length];
            int[] order = new int[DATA.size()];
            for (int epoch = from; epoch < to; epoch++) {
                for (int i = 0; i < order.length; i++) order[i] = i;
                Rng.derived(SEED, "shuffle/" + epoch).shuffle(order);
                for (int b : order) {
                    g.gradient(theta, DATA.get(b), grad);
                    for (int i = 0; i < theta.length; i++) theta[i] -= 0.05 * grad[i];
                }
            }
            return new Saved(theta, g.state().clone(), chip.state().clone());
        }
    }

    static void resumesBitIdentically(Value.Call trainer) {
        resumesBitIdentically(trainer, fabricated());
    }

    static void resumesBitIdentically(Value.Call trainer, HardwareProfile profile) {
        Saved straight = session(trainer, profile, null, 0, 4);
        Saved half = session(trainer, profile, null, 0, 2);
        Saved resumed = session(trainer, profile, half, 2, 4);
        assertArrayEquals(straight.theta(), resumed.theta(), () -> trainer + ": straight " + Arrays.toString(straight.theta())
                                                                     + " vs resumed " + Arrays.toString(resumed.theta()));
        assertArrayEquals(straight.state(), resumed.state());
        assertArrayEquals(straight.device(), resumed.device());
        assertFalse(Arrays.equals(half.theta(), straight.theta()), "the last two epochs moved θ");
    }

    static Value.Call call(String name, Object... kv) {
        return (Value.Call) PhotonicBench.call(name, kv);
    }

    @Test
    void sat_over_pat_on_a_fabricated_chip() {
        resumesBitIdentically(call("sat", "rho", 0.05, "base", new Value.Sym("pat")));
    }

    @Test
    void sat_over_pat_with_detector_noise_continues_the_noise_stream() {
        Value.Call sat = call("sat", "rho", 0.05, "base", new Value.Sym("pat"));
        resumesBitIdentically(sat, noisy());
        // guards the test: with the device's stream restarted (the old resume) θ differs
        Saved half = session(sat, noisy(), null, 0, 2);
        Saved restarted = session(sat, noisy(), new Saved(half.theta(), half.state(), new long[0]), 2, 4);
        assertFalse(Arrays.equals(session(sat, noisy(), null, 0, 4).theta(), restarted.theta()));
        assertEquals(3, half.device().length, "the device's state is its noise stream's position");
    }

    @Test
    void dat_resumed_in_its_warm_up_keeps_the_accumulated_sums() {
        // 3 batches per epoch: the residual fit at step 8 happens after the resume, from sums of both sessions
        Value.Call dat = call("dat", "warmup", 8);
        resumesBitIdentically(dat);
        assertTrue(session(dat, null, 0, 2).state()[1] == 0, "not yet fitted at the checkpoint");
    }

    @Test
    void dat_resumed_after_its_fit_keeps_the_residual_model() {
        Value.Call dat = call("dat", "warmup", 2);
        resumesBitIdentically(dat);
        assertTrue(session(dat, null, 0, 2).state()[1] == 1, "fitted before the checkpoint");
    }

    @Test
    void sat_over_dat_passes_the_nested_state_through() {
        resumesBitIdentically(call("sat", "rho", 0.05, "base", call("dat", "warmup", 8)));
    }
}
