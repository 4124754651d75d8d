package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.Neighbours;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CrosstalkProperties {
    /** A chain with neighbours i ± 1 (the Clements ±2 rule is built and tested by the backend hook). */
    static Neighbours chain(int n) {
        int[] start = new int[n + 1];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0) idx.add(i - 1);
            if (i < n - 1) idx.add(i + 1);
            start[i + 1] = idx.size();
        }
        return new Neighbours(start, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    @Property(tries = 50)
    void zeroCouplingIsTheIdentity(@ForAll @IntRange(min = 1, max = 20) int n, @ForAll long seed) {
        double[] x = new double[n], out = new double[n];
        Rng r = new Rng(seed);
        for (int i = 0; i < n; i++) x[i] = 20 * r.nextDouble() - 10;
        new ThermalCrosstalk(0).couple(x, chain(n), out);
        assertArrayEquals(x, out, 0.0);
    }

    @Property(tries = 50)
    void oneShifterAtHalfPiMovesOnlyItsNeighboursByChiHalfPi(@ForAll @IntRange(min = 3, max = 20) int n,
                                                            @ForAll @IntRange(min = 0, max = 19) int m,
                                                            @ForAll @DoubleRange(min = 0.001, max = 0.1) @Scale(4) double chi) {
        m = m % n;
        Neighbours nbr = chain(n);
        ThermalCrosstalk t = new ThermalCrosstalk(chi);
        double[] x = new double[n], before = new double[n], after = new double[n];
        t.couple(x, nbr, before);
        x[m] = Math.PI / 2;
        t.couple(x, nbr, after);
        for (int i = 0; i < n; i++) {
            double expected = i == m ? Math.PI / 2 : (Math.abs(i - m) == 1 ? chi * Math.PI / 2 : 0.0);
            assertEquals(expected, after[i] - before[i], 1e-15, "shifter " + i);
        }
    }

    @Property(tries = 50)
    void transposeIsTheAdjointOfTheJacobian(@ForAll @IntRange(min = 2, max = 10) int n, @ForAll long seed) {
        Rng r = new Rng(seed);
        Neighbours nbr = chain(n);
        ThermalCrosstalk t = new ThermalCrosstalk(0.05);
        double[] x = new double[n], v = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            // stay 1e-3 away from the wrap points of the drive (the §3 margin)
            x[i] = 0.01 + (2 * Math.PI - 0.02) * r.nextDouble();
            v[i] = r.nextGaussian();
            w[i] = r.nextGaussian();
        }
        double h = 1e-6;
        double[] xp = x.clone(), xm = x.clone(), yp = new double[n], ym = new double[n];
        for (int i = 0; i < n; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        t.couple(xp, nbr, yp);
        t.couple(xm, nbr, ym);
        double jvw = 0;
        for (int i = 0; i < n; i++) jvw += (yp[i] - ym[i]) / (2 * h) * w[i];
        double[] xBar = new double[n];
        t.coupleTranspose(x, nbr, w, xBar);
        double vjtw = 0;
        for (int i = 0; i < n; i++) vjtw += v[i] * xBar[i];
        assertEquals(jvw, vjtw, 1e-8 * Math.max(1, Math.abs(jvw)));
    }
}
