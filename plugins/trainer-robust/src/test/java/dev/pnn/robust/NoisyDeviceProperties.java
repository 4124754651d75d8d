package dev.pnn.robust;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standard noise models on real photonic device instances (ALGORITHMS.md §2.4 oracles, end to end). */
class NoisyDeviceProperties {
    static final PhotonicBench BENCH = new PhotonicBench(6, 3);

    static double[] forward(Device d, double[] theta, Tensor x) {
        Tensor out = Tensor.real(x.rows(), BENCH.classes);
        d.view(ForwardView.class).forward(theta, x, out);
        return Arrays.copyOf(out.re, x.rows() * BENCH.classes);
    }

    static Map<String, Value> settings(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return m;
    }

    static HardwareProfile everything(double s) {
        return PhotonicBench.profile("all", settings(
                "phase_error", PhotonicBench.call("gaussian", "sigma", s),
                "splitter_error", PhotonicBench.call("gaussian", "sigma", s, "reading", new Value.Sym("ratio")),
                "crosstalk", PhotonicBench.call("thermal", "coupling", s),
                "insertion_loss", PhotonicBench.call("insertion_loss", "db_per_mzi", s),
                "detector", PhotonicBench.sum(PhotonicBench.call("readout", "sigma", s)),
                "drift", PhotonicBench.call("drift", "step", s)));
    }

    /** §2.4: every σ = 0 ⇒ the output is bitwise the ideal device's. */
    @Property(tries = 10)
    void zeroNoiseProfileIsTheIdealDeviceBitForBit(@ForAll long seed) {
        double[] theta = BENCH.theta(seed);
        Tensor x = BENCH.batch(7, seed).inputs();
        try (Device ideal = BENCH.open(PhotonicBench.ideal(), seed); Device zero = BENCH.open(everything(0), seed)) {
            assertArrayEquals(forward(ideal, theta, x), forward(zero, theta, x), 0.0);
        }
    }

    /** A drifting, noisy chip restored from its saved state answers as the original does from then on. */
    @Property(tries = 10)
    void restoredStateContinuesDriftAndNoiseBitForBit(@ForAll long seed) {
        double[] theta = BENCH.theta(1);
        Tensor x = BENCH.batch(5, 2).inputs();
        try (Device a = BENCH.open(everything(0.05), seed); Device b = BENCH.open(everything(0.05), seed)) {
            for (int i = 0; i < 3; i++) forward(a, theta, x); // drift and detector noise move on
            long[] saved = a.state();
            b.restore(saved);
            assertArrayEquals(saved, b.state());
            assertArrayEquals(forward(a, theta, x), forward(b, theta, x), 0.0);
        }
        try (Device a = BENCH.open(everything(0.05), seed); Device fresh = BENCH.open(everything(0.05), seed)) {
            for (int i = 0; i < 3; i++) forward(a, theta, x);
            // without the state the fresh instance is where a started: a later query differs
            assertFalse(Arrays.equals(forward(a, theta, x), forward(fresh, theta, x)));
        }
    }

    @Property(tries = 10)
    void sameSeedSameInstanceBitForBit(@ForAll long seed) {
        double[] theta = BENCH.theta(1);
        Tensor x = BENCH.batch(5, 2).inputs();
        try (Device a = BENCH.open(everything(0.05), seed); Device b = BENCH.open(everything(0.05), seed);
             Device c = BENCH.open(everything(0.05), seed + 1)) {
            double[] ya = forward(a, theta, x), yb = forward(b, theta, x);
            assertArrayEquals(ya, yb, 0.0);
            assertArrayEquals(forward(a, theta, x), forward(b, theta, x), 0.0); // dynamic streams advance alike
            assertFalse(Arrays.equals(ya, forward(c, theta, x)));
        }
    }

    @Test
    void staticErrorsChangeTheOutputButRepeatAcrossQueries() {
        double[] theta = BENCH.theta(1);
        Tensor x = BENCH.batch(5, 2).inputs();
        HardwareProfile chip = PhotonicBench.profile("chip", settings("phase_error", PhotonicBench.call("gaussian", "sigma", 0.05)));
        try (Device ideal = BENCH.open(PhotonicBench.ideal(), 0); Device d = BENCH.open(chip, 7)) {
            double[] first = forward(d, theta, x);
            assertFalse(Arrays.equals(forward(ideal, theta, x), first));
            // 1e-12, not bitwise: the mesh walks MZI by MZI on the first small batch and multiplies by the composed
            // matrix on the next one (same function, different rounding); a redrawn error would change it by ~1e-2
            assertArrayEquals(first, forward(d, theta, x), 1e-12, "static errors do not change between queries");
        }
    }

    @Test
    void dynamicNoiseChangesBetweenQueries() {
        double[] theta = BENCH.theta(1);
        Tensor x = BENCH.batch(5, 2).inputs();
        HardwareProfile chip = PhotonicBench.profile("chip", settings("detector",
                PhotonicBench.sum(PhotonicBench.call("shot_noise", "photons", 1e3), PhotonicBench.call("readout", "sigma", 0.01))));
        try (Device d = BENCH.open(chip, 7)) {
            assertFalse(Arrays.equals(forward(d, theta, x), forward(d, theta, x)));
            assertEquals(10, d.queries().get(dev.pnn.spi.QueryKind.FORWARD));
        }
    }

    /** The noisy instance's twin differentiates crosstalk (transpose) and the DAC (straight-through): FD check. */
    @Property(tries = 10)
    void twinOfANoisyInstanceHasExactGradientsAwayFromWraps(@ForAll long seed) {
        HardwareProfile chip = PhotonicBench.profile("chip", settings(
                "phase_error", PhotonicBench.call("gaussian", "sigma", 0.05),
                "splitter_error", PhotonicBench.call("gaussian", "sigma", 0.05),
                "crosstalk", PhotonicBench.call("thermal", "coupling", 0.03),
                "insertion_loss", PhotonicBench.call("insertion_loss", "db_per_mzi", 0.1)));
        try (Device d = BENCH.open(chip, seed)) {
            TwinView twin = d.view(TwinView.class);
            double[] theta = BENCH.theta(seed);
            // keep programmed phases away from the 2π wrap of the heater drive (the §3 margin)
            for (int i = 0; i < theta.length - 1; i++) theta[i] = 0.1 + 0.9 * (2 * Math.PI - 0.2) * (theta[i] / (2 * Math.PI));
            Tensor x = BENCH.batch(3, seed).inputs();
            Tape tape = twin.newTape(3);
            Tensor y = twin.forward(theta, x, tape);
            Tensor w = Tensor.real(3, BENCH.classes);
            dev.pnn.spi.Rng r = new dev.pnn.spi.Rng(seed);
            for (int i = 0; i < w.re.length; i++) w.re[i] = r.nextGaussian();
            double[] g = new double[theta.length];
            twin.backward(theta, tape, w, g);
            double[] v = new double[theta.length];
            for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
            double h = 1e-6;
            double[] tp = theta.clone(), tm = theta.clone();
            for (int i = 0; i < v.length; i++) {
                tp[i] += h * v[i];
                tm[i] -= h * v[i];
            }
            double fp = dot(twin.forward(tp, x, twin.newTape(3)), w), fm = dot(twin.forward(tm, x, twin.newTape(3)), w);
            double fd = (fp - fm) / (2 * h), an = 0;
            for (int i = 0; i < v.length; i++) an += g[i] * v[i];
            assertEquals(fd, an, 1e-6 * Math.max(1, Math.abs(fd)), "directional derivative");
        }
    }

    static double dot(Tensor y, Tensor w) {
        double s = 0;
        for (int i = 0; i < y.rows() * y.width; i++) s += y.re[i] * w.re[i];
        return s;
    }

    /** Power is conserved by a lossless instance and lost by a lossy one: Σ|E_out|² vs Σ|E_in|². */
    @Test
    void insertionLossRemovesPower() {
        double[] theta = BENCH.theta(1);
        Tensor x = BENCH.batch(4, 3).inputs();
        HardwareProfile lossy = PhotonicBench.profile("lossy", settings("insertion_loss", PhotonicBench.call("insertion_loss", "db_per_mzi", 0.2)));
        try (Device ideal = BENCH.open(PhotonicBench.ideal(), 0); Device d = BENCH.open(lossy, 0)) {
            double[] a = forward(ideal, theta, x), b = forward(d, theta, x);
            double sa = Arrays.stream(a).sum(), sb = Arrays.stream(b).sum();
            assertTrue(sb < sa, sb + " !< " + sa);
        }
    }
}
