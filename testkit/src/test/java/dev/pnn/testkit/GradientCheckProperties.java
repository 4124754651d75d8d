package dev.pnn.testkit;

import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Unit;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckProperties {

    private static double[] toArray(List<Double> xs) {
        double[] a = new double[xs.size()];
        for (int i = 0; i < a.length; i++) a[i] = xs.get(i);
        return a;
    }

    private static int argmaxAbs(double[] g) {
        int k = 0;
        for (int i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[k])) k = i;
        return k;
    }

    @Property(tries = 100)
    void correctGradientPasses(@ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -3, max = 3) Double> xs) {
        double[] t = toArray(xs);
        GradientCheckResult r = GradientCheck.check(SmoothFixtures::loss, t, SmoothFixtures.gradient(t));
        r.assertPassed();
        assertTrue(r.normRelativeError() < 1e-6);
    }

    @Property(tries = 100)
    void correctGradientPassesAtLargeParameters(
            @ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = -300, max = 300) Double> xs) {
        // h_i scales with |θ_i|, so large parameters stay within the criterion. The mild fixture is used because the
        // protocol's central difference has truncation error h²·|L'''|/6, and sin(θ)·θ has a third derivative that
        // grows like |θ|: with the full fixture, θ ≈ 300 gives an error of ~1e-6 on a gradient that cancels to ~0.7
        // (seen: norm-relative 1.1e-6), which the §3 norm criterion cannot accept for a correct gradient.
        double[] t = toArray(xs);
        GradientCheck.check(SmoothFixtures::mildLoss, t, SmoothFixtures.mildGradient(t)).assertPassed();
    }

    @Property(tries = 100)
    void flippedSignOfOneComponentFails(@ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -3, max = 3) Double> xs) {
        double[] t = toArray(xs);
        double[] g = SmoothFixtures.gradient(t);
        int k = argmaxAbs(g);
        Assume.that(Math.abs(g[k]) > 1e-3);
        g[k] = -g[k];
        GradientCheckResult r = GradientCheck.check(SmoothFixtures::loss, t, g);
        assertFalse(r.passed(), r.message());
        assertEquals(k, r.worstIndex(), r.message());
        assertEquals(g[k], r.analytic());
        assertEquals(-g[k], r.finiteDifference(), 1e-6 * Math.abs(g[k]));
        assertTrue(r.message().contains("θ[" + k + "]"), r.message());
    }

    @Property(tries = 100)
    void onePercentOffFails(@ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -3, max = 3) Double> xs) {
        double[] t = toArray(xs);
        double[] g = SmoothFixtures.gradient(t);
        Assume.that(Math.abs(g[argmaxAbs(g)]) > 1e-3);
        for (int i = 0; i < g.length; i++) g[i] *= 1.01;
        GradientCheckResult r = GradientCheck.check(SmoothFixtures::loss, t, g);
        assertFalse(r.passed(), r.message());
        assertEquals(0.01 / 1.01, r.normRelativeError(), 1e-6);
    }

    @Property(tries = 100)
    void onePercentOffInOneComponentFails(
            @ForAll @Size(min = 2, max = 8) List<@DoubleRange(min = -3, max = 3) Double> xs) {
        double[] t = toArray(xs);
        double[] g = SmoothFixtures.gradient(t);
        int k = argmaxAbs(g);
        Assume.that(Math.abs(g[k]) > 1e-3);
        g[k] *= 1.01;
        GradientCheckResult r = GradientCheck.check(SmoothFixtures::loss, t, g);
        assertFalse(r.passed(), r.message());
        assertEquals(k, r.worstIndex());
    }

    @Test
    void perComponentRuleHasAnAbsolutePartScaledByTheLoss() {
        // g_FD = (1e3, 0, 0). An error of 5e-9 on the zero component is within 1e-8·(1 + |L|) at L = 0; 2e-8 is
        // not, although the norm-relative error (2e-11) passes: the per-component rule must catch it alone.
        double[] fd = {1e3, 0, 0};
        assertTrue(GradientCheck.compare(new double[]{1e3, 5e-9, 0}, fd, 0.0, null).passed());
        GradientCheckResult r = GradientCheck.compare(new double[]{1e3, 2e-8, 0}, fd, 0.0, null);
        assertFalse(r.passed(), r.message());
        assertTrue(r.normRelativeError() < 1e-6);
        assertEquals(1, r.worstIndex());
        // with |L| = 9 the absolute part is 1e-7, and 2e-8 passes again
        assertTrue(GradientCheck.compare(new double[]{1e3, 2e-8, 0}, fd, 9.0, null).passed());
    }

    @Test
    void nanGradientFails() {
        double[] t = {0.3, -0.7};
        double[] g = SmoothFixtures.gradient(t);
        g[1] = Double.NaN;
        GradientCheckResult r = GradientCheck.check(SmoothFixtures::loss, t, g);
        assertFalse(r.passed());
        assertEquals(1, r.worstIndex(), r.message());
    }

    @Test
    void failureNamesTheSliceFromTheLayout() {
        double[] t = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] g = SmoothFixtures.gradient(t);
        g[3] = -g[3];
        List<ParamSlice> layout = List.of(slice("mixed.phases", 0, 3), slice("logits.gamma", 3, 2));
        GradientCheckResult r = GradientCheck.check(SmoothFixtures::loss, t, g, layout);
        assertFalse(r.passed());
        assertEquals("logits.gamma", r.worstSlice());
        assertTrue(r.message().contains("logits.gamma[0] (θ[3])"), r.message());
        assertThrows(AssertionError.class, r::assertPassed);
    }

    @Test
    void finiteDifferenceUsesTheScaledStepAndLeavesThetaUntouched() {
        double[] t = {1e4, -2.0};
        double[] copy = t.clone();
        double[] fd = GradientCheck.finiteDifference(x -> x[0] * x[0] * x[0] + x[1], t);
        assertEquals(copy[0], t[0]);
        assertEquals(copy[1], t[1]);
        // d/dx x³ = 3e8 with h = 1e-2: truncation h²·f'''/6 = 1e-4, round-off ≈ ε·x³/h ≈ 2.2e-16·1e12/1e-2 ≈ 2e-2;
        // an unscaled step of 1e-6 would give round-off ≈ 2e2 instead
        assertEquals(3e8, fd[0], 5e-2);
        // the second component is checked on its own function: next to x³ = 1e12 a change of 2e-6 is below one ulp
        double[] fd1 = GradientCheck.finiteDifference(x -> 1e-12 * x[0] * x[0] * x[0] + x[1], t);
        assertEquals(1.0, fd1[1], 1e-9);
        assertEquals(1e-2, GradientCheck.step(1e4));
        assertEquals(1e-6, GradientCheck.step(0.5));
    }

    static ParamSlice slice(String name, int offset, int length) {
        return new ParamSlice(name, offset, length, List.of(length), Unit.RAD, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, null);
    }
}
