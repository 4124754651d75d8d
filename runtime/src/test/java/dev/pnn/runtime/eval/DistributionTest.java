package dev.pnn.runtime.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributionTest {
    @Test
    void constantSampleHasZeroSpreadAndZeroWidthInterval() {
        Distribution d = Distribution.of(new double[]{0.8, 0.8, 0.8, 0.8}, 1);
        assertEquals(0.0, d.std(), 0.0);
        assertEquals(d.ciLow(), d.ciHigh(), 0.0);
        assertEquals(0.8, d.mean(), 1e-15);
        assertEquals(0.8, d.p5(), 0.0);
    }

    @Test
    void orderStatisticsAndSampleStd() {
        double[] v = {5, 1, 4, 2, 3};
        Distribution d = Distribution.of(v, 7);
        assertEquals(3.0, d.mean(), 0.0);
        assertEquals(Math.sqrt(2.5), d.std(), 1e-15);
        assertEquals(1.0, d.min(), 0.0);
        assertEquals(3.0, d.median(), 0.0);
        assertEquals(5.0, d.max(), 0.0);
        assertEquals(1.2, d.p5(), 1e-15); // position 0.05·4 = 0.2 between 1 and 2
        assertTrue(d.ciLow() < 3 && d.ciHigh() > 3 && d.ciLow() >= 1 && d.ciHigh() <= 5);
    }

    @Test
    void bootstrapIsSeeded() {
        double[] v = {0.1, 0.5, 0.9, 0.3, 0.7};
        assertEquals(Distribution.of(v, 3), Distribution.of(v, 3));
        assertTrue(!Distribution.of(v, 3).equals(Distribution.of(v, 4)));
    }
}
