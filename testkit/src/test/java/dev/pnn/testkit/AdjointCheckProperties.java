package dev.pnn.testkit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdjointCheckProperties {

    private static double[] toArray(List<Double> xs) {
        double[] a = new double[xs.size()];
        for (int i = 0; i < a.length; i++) a[i] = xs.get(i);
        return a;
    }

    @Property(tries = 100)
    void correctVjpPasses(@ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = -2, max = 2) Double> xs,
                          @ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        double[] x = toArray(xs);
        SmoothFixtures.Map f = SmoothFixtures.Map.random(x.length, m, seed);
        AdjointCheck.check(f::apply, f::vjp, x, seed).assertPassed();
    }

    @Property(tries = 100)
    void vjpWithFlippedSignFails(@ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = -2, max = 2) Double> xs,
                                 @ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        double[] x = toArray(xs);
        SmoothFixtures.Map f = SmoothFixtures.Map.random(x.length, m, seed);
        AdjointResult r = AdjointCheck.check(f::apply, (z, w) -> {
            double[] b = f.vjp(z, w);
            for (int i = 0; i < b.length; i++) b[i] = -b[i];
            return b;
        }, x, seed);
        // ⟨Jv,w⟩ = −⟨Jv,w⟩ only if it is 0; random v, w make that a null event
        assertFalse(r.passed(), r.message());
        assertTrue(r.worstIndex() >= 0);
        assertEquals(-r.fdValue(), r.vjpValue(), 1e-6 * (1 + Math.abs(r.fdValue())), r.message());
    }

    @Test
    void vjpOffInOneComponentIsNamed() {
        double[] x = {0.3, -0.8, 1.2, 0.1};
        SmoothFixtures.Map f = SmoothFixtures.Map.random(4, 3, 5L);
        AdjointResult r = AdjointCheck.check(f::apply, (z, w) -> {
            double[] b = f.vjp(z, w);
            b[2] *= 1.01;
            b[2] += 1e-3;
            return b;
        }, x, 9L, List.of(GradientCheckProperties.slice("in.a", 0, 2), GradientCheckProperties.slice("in.b", 2, 2)));
        assertFalse(r.passed(), r.message());
        assertEquals(2, r.worstIndex(), r.message());
        assertEquals("in.b", r.worstSlice());
        assertTrue(r.message().contains("in.b[0] (θ[2])"), r.message());
    }
}
