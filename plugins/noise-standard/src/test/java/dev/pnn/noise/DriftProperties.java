package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.Drift;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftProperties {
    @Property(tries = 50)
    void sameSeedSameTrajectory(@ForAll long seed) {
        PhaseDrift d = new PhaseDrift(0.01, false, 0);
        Drift.Process a = d.start(5), b = d.start(5);
        Rng ra = new Rng(seed), rb = new Rng(seed);
        for (int q = 1; q < 4; q++) {
            a.advance(q, ra);
            b.advance(q, rb);
        }
        assertArrayEquals(a.offsets(), b.offsets(), 0.0);
    }

    @Test
    void startsAtZeroAndWalkVarianceGrowsWithQueries() {
        PhaseDrift d = new PhaseDrift(0.01, false, 0);
        int n = 50_000;
        Drift.Process p = d.start(n);
        assertArrayEquals(new double[n], p.offsets(), 0.0);
        Rng r = new Rng(9);
        p.advance(64, r);
        p.advance(36, r);
        double sq = 0;
        for (double x : p.offsets()) sq += x * x;
        double expected = 100 * 0.01 * 0.01;
        assertEquals(expected, sq / n, 4 * Math.sqrt(2.0 / n) * expected);
    }

    @Test
    void temperatureDriftShiftsEveryPhaseAlike() {
        Drift.Process p = new PhaseDrift(0.1, true, 0.5).start(7);
        p.advance(10, new Rng(4));
        double[] o = p.offsets();
        for (double x : o) assertEquals(o[0], x, 0.0);
        Rng r = new Rng(4);
        assertEquals(0.5 * 0.1 * Math.sqrt(10) * r.nextGaussian(), o[0], 1e-15);
    }
}
