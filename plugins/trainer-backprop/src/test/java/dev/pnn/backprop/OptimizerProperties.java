package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.train.Optimizer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerProperties {

    static Optimizer sgd(int p, Object... kv) {
        return new SgdFactory().create(Fixtures.args("sgd", kv), List.of(), p);
    }

    static Optimizer adam(int p, Object... kv) {
        return new AdamFactory().create(Fixtures.args("adam", kv), List.of(), p);
    }

    private static double[] gaussian(Rng rng, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = scale * rng.nextGaussian();
        return a;
    }

    @Property(tries = 100)
    void adamFirstStepIsLrTimesSign(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int p,
                                    @ForAll @DoubleRange(min = -6, max = 6) double log10Scale,
                                    @ForAll @DoubleRange(min = -4, max = 0) double log10Lr) {
        double lr = Math.pow(10, log10Lr);
        Rng rng = new Rng(seed);
        double[] g = gaussian(rng, p, Math.pow(10, log10Scale));
        double[] theta = new double[p];
        adam(p, "lr", lr).step(theta, g);
        for (int i = 0; i < p; i++) {
            // exact value is −lr·g/(|g| + ε): it differs from −lr·sign(g) by lr·ε/(|g| + ε), plus rounding
            double bound = lr * 1e-8 / Math.abs(g[i]) + 4 * Math.ulp(lr);
            assertEquals(-lr * Math.signum(g[i]), theta[i], bound, "component " + i + ", g = " + g[i]);
        }
    }

    @Property(tries = 100)
    void sgdMomentumMatchesTheUnrolledRecurrence(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int p,
                                                 @ForAll @DoubleRange(min = 0, max = 0.99) double mu,
                                                 @ForAll boolean nesterov) {
        if (nesterov && mu == 0) mu = 0.5;
        Rng rng = new Rng(seed);
        double lr = 0.1;
        double[] theta0 = gaussian(rng, p, 1);
        double[] g1 = gaussian(rng, p, 1), g2 = gaussian(rng, p, 1), g3 = gaussian(rng, p, 1);
        double[] theta = theta0.clone();
        Optimizer o = sgd(p, "lr", lr, "momentum", mu, "nesterov", nesterov);
        o.step(theta, g1);
        o.step(theta, g2);
        o.step(theta, g3);
        for (int i = 0; i < p; i++) {
            // v1 = g1, v2 = μg1 + g2, v3 = μ²g1 + μg2 + g3; plain steps by v_t, Nesterov by g_t + μv_t
            double v1 = g1[i], v2 = mu * g1[i] + g2[i], v3 = mu * mu * g1[i] + mu * g2[i] + g3[i];
            double total = nesterov ? (g1[i] + mu * v1) + (g2[i] + mu * v2) + (g3[i] + mu * v3) : v1 + v2 + v3;
            double expected = theta0[i] - lr * total;
            assertEquals(expected, theta[i], 1e-13 * (1 + Math.abs(expected)), "component " + i);
        }
    }

    @Test
    void sgdWeightDecayAddsLambdaTheta() {
        double[] theta = {2.0};
        sgd(1, "lr", 0.5, "weight_decay", 0.1).step(theta, new double[]{1.0});
        assertEquals(2.0 - 0.5 * (1.0 + 0.2), theta[0], 1e-15);
    }

    /** ½θᵀAθ − bᵀθ with A = QᵀQ + ½I symmetric positive definite; returns {A, b} flattened. */
    private static double[][] quadratic(Rng rng, int n) {
        double[] q = gaussian(rng, n * n, 1 / Math.sqrt(n));
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0;
                for (int r = 0; r < n; r++) s += q[r * n + i] * q[r * n + j];
                a[i * n + j] = s;
            }
        return new double[][]{a, gaussian(rng, n, 1)};
    }

    private static double[] solve(double[] a, double[] b, int n) {
        double[] m = a.clone(), x = b.clone();
        for (int c = 0; c < n; c++) { // SPD: no pivoting needed
            for (int r = c + 1; r < n; r++) {
                double f = m[r * n + c] / m[c * n + c];
                for (int j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
                x[r] -= f * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = x[r];
            for (int j = r + 1; j < n; j++) s -= m[r * n + j] * x[j];
            x[r] = s / m[r * n + r];
        }
        return x;
    }

    private static double[] run(Optimizer o, double[] a, double[] b, int n, int steps, int stepsPerEpoch) {
        double[] theta = new double[n], g = new double[n];
        for (int s = 0; s < steps; s++) {
            if (s % stepsPerEpoch == 0) o.startEpoch(s / stepsPerEpoch);
            for (int i = 0; i < n; i++) {
                double v = -b[i];
                for (int j = 0; j < n; j++) v += a[i * n + j] * theta[j];
                g[i] = v;
            }
            o.step(theta, g);
        }
        return theta;
    }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (x[i] - y[i]) * (x[i] - y[i]);
        return Math.sqrt(s);
    }

    @Property(tries = 50)
    void sgdConvergesOnARandomSpdQuadratic(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Rng rng = new Rng(seed);
        double[][] ab = quadratic(rng, n);
        double trace = 0;
        for (int i = 0; i < n; i++) trace += ab[0][i * n + i];
        // lr = 1/trace(A) ≤ 1/λ_max is stable; κ ≤ trace/0.5, so 3000 momentum steps contract far below 1e-8
        double[] theta = run(sgd(n, "lr", 1 / trace, "momentum", 0.9), ab[0], ab[1], n, 3000, 100);
        double[] star = solve(ab[0], ab[1], n);
        assertTrue(distance(theta, star) < 1e-8, "‖θ − θ*‖ = " + distance(theta, star));
    }

    @Property(tries = 50)
    void adamConvergesOnARandomSpdQuadratic(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Rng rng = new Rng(seed);
        double[][] ab = quadratic(rng, n);
        // constant-lr Adam hovers at a distance ~lr around θ*; halving every 3 epochs of 100 steps shrinks it
        double[] theta = run(adam(n, "lr", 0.05, "halve_every", 3), ab[0], ab[1], n, 4000, 100);
        double[] star = solve(ab[0], ab[1], n);
        assertTrue(distance(theta, star) < 1e-4, "‖θ − θ*‖ = " + distance(theta, star));
    }

    @Test
    void schedulesHalveAtTheRightEpochs() {
        Optimizer o = adam(1, "lr", 0.8, "halve_every", 3);
        double[] expected = {0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.1};
        for (int e = 0; e < expected.length; e++) {
            o.startEpoch(e);
            assertEquals(expected[e], o.learningRate(), 0, "epoch " + e);
        }
        Optimizer d = sgd(1, "lr", 1.0, "decay", 0.1, "every", 2);
        double[] ex2 = {1.0, 1.0, 0.1, 0.1, 0.01};
        for (int e = 0; e < ex2.length; e++) {
            d.startEpoch(e);
            assertEquals(ex2[e], d.learningRate(), 1e-17, "epoch " + e);
        }
        Optimizer constant = sgd(1, "lr", 0.3);
        constant.startEpoch(1000);
        assertEquals(0.3, constant.learningRate());
        // the step really uses the scheduled rate
        Optimizer s = sgd(1, "lr", 1.0, "halve_every", 1);
        s.startEpoch(2);
        double[] theta = {0};
        s.step(theta, new double[]{1});
        assertEquals(-0.25, theta[0]);
    }

    @Property(tries = 50)
    void stateRoundTripMakesContinuedRunsBitIdentical(@ForAll long seed, @ForAll boolean useAdam,
                                                      @ForAll @IntRange(min = 1, max = 6) int p,
                                                      @ForAll boolean averaging) {
        Rng rng = new Rng(seed);
        double[][] grads = new double[12][];
        for (int i = 0; i < grads.length; i++) grads[i] = gaussian(rng, p, 1);
        // averaging from epoch 2: the saved state (after epoch 2's first steps) already holds a running average
        Object[] avg = averaging ? new Object[]{"average", 0.8, "average_from", 2} : new Object[0];
        java.util.function.Supplier<Optimizer> make = () -> useAdam ? adam(p, concat(avg, "lr", 0.01, "halve_every", 2))
                : sgd(p, concat(avg, "lr", 0.1, "momentum", 0.9, "halve_every", 2));
        Optimizer a = make.get();
        double[] theta = gaussian(rng, p, 1);
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) a.startEpoch(i / 2);
            a.step(theta, grads[i]);
        }
        double[] saved = a.state();
        double[] thetaSaved = theta.clone();
        for (int i = 6; i < 12; i++) {
            if (i % 2 == 0) a.startEpoch(i / 2);
            a.step(theta, grads[i]);
        }
        Optimizer b = make.get();
        b.restore(saved);
        assertArrayEquals(saved, b.state());
        double[] theta2 = thetaSaved;
        for (int i = 6; i < 12; i++) {
            if (i % 2 == 0) b.startEpoch(i / 2);
            b.step(theta2, grads[i]);
        }
        assertArrayEquals(theta, theta2, 0.0);
        assertArrayEquals(a.state(), b.state(), 0.0);
        assertArrayEquals(a.averaged(theta), b.averaged(theta2), 0.0);
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** ā is θ until epoch {@code from}, then ā ← βā + (1 − β)θ after each step, starting from that step's θ. */
    @Property(tries = 50)
    void averageIsTheExponentialAverageOfTheIteratesFromItsEpoch(@ForAll long seed, @ForAll boolean useAdam,
                                                                 @ForAll @IntRange(min = 1, max = 5) int p,
                                                                 @ForAll @DoubleRange(min = 0.1, max = 0.99) double beta,
                                                                 @ForAll @IntRange(min = 0, max = 3) int from) {
        Rng rng = new Rng(seed);
        Optimizer o = useAdam ? adam(p, "lr", 0.05, "average", beta, "average_from", from)
                : sgd(p, "lr", 0.1, "momentum", 0.5, "average", beta, "average_from", from);
        double[] theta = gaussian(rng, p, 1);
        double[] expected = null;
        for (int step = 0; step < 10; step++) {
            int epoch = step / 2;
            if (step % 2 == 0) o.startEpoch(epoch);
            o.step(theta, gaussian(rng, p, 1));
            if (epoch >= from) {
                if (expected == null) expected = theta.clone();
                else for (int i = 0; i < p; i++) expected[i] = beta * expected[i] + (1 - beta) * theta[i];
            }
            double[] reported = o.averaged(theta);
            assertArrayEquals(expected == null ? theta : expected, reported, 0.0, "step " + step);
            reported[0] += 1;   // the caller's copy: changing it changes neither θ nor the average
            assertArrayEquals(expected == null ? theta : expected, o.averaged(theta), 0.0);
        }
        assertTrue(from > 4 || !java.util.Arrays.equals(expected, theta), "the average differs from the last iterate");
    }

    @Test
    void badArgumentsAndStatesAreClearErrors() {
        assertThrows(PnnException.class, () -> sgd(2, "lr", -1.0));
        assertThrows(PnnException.class, () -> sgd(2, "lr", 0.1, "nesterov", true));
        assertThrows(PnnException.class, () -> sgd(2, "lr", 0.1, "momentum", 1.0));
        assertThrows(PnnException.class, () -> adam(2, "beta2", 1.0));
        assertThrows(PnnException.class, () -> adam(2, "halve_every", 3, "every", 5, "decay", 0.1));
        assertThrows(PnnException.class, () -> adam(2, "halve_every", -1));
        assertThrows(PnnException.class, () -> adam(2, "average", 1.0));
        assertThrows(PnnException.class, () -> sgd(2, "lr", 0.1, "average", -0.1));
        assertThrows(PnnException.class, () -> adam(2, "average", 0.9, "average_from", -1));
        PnnException e = assertThrows(PnnException.class, () -> adam(3).restore(sgd(3, "lr", 1.0).state()));
        assertTrue(e.getMessage().contains("another optimizer"), e.getMessage());
        assertThrows(PnnException.class, () -> sgd(3, "lr", 1.0).restore(new double[]{1, 0}));
        assertEquals(0.001, adam(1).learningRate());
    }
}
