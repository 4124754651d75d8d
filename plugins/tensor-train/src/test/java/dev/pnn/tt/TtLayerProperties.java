package dev.pnn.tt;

import dev.pnn.spi.Rng;
import net.jqwik.api.*;

import static org.junit.jupiter.api.Assertions.*;

/** The simulator's two exact paths for tt_linear (per-row contraction, formed W) agree, forward and backward. */
class TtLayerProperties {
    @Property(tries = 60)
    void formedAndContractedPathsAgree(@ForAll long seed) {
        Rng rng = new Rng(seed);
        TtShape s = TtContractionProperties.randomShape(rng);
        int rows = 1 + rng.nextInt(6);
        double[] theta = TtContractionProperties.gaussian(rng, s.paramCount() + s.rows());
        int bOff = s.paramCount();
        double[] x = TtContractionProperties.gaussian(rng, rows * s.cols());
        double[] ybar = TtContractionProperties.gaussian(rng, rows * s.rows());
        JetLayout lay = new JetLayout(1, 0);
        TtLayer batch = new TtLayer(s, 0, bOff, true);
        double[] y = new double[rows * s.rows()];
        batch.forward(theta, x, y, rows, lay);
        double[] gBatch = new double[theta.length], xgBatch = new double[x.length];
        batch.backward(theta, x, y, ybar, xgBatch, gBatch, rows, lay);
        double[] gRows = new double[theta.length];
        for (int r = 0; r < rows; r++) {
            TtLayer one = new TtLayer(s, 0, bOff, false);
            double[] xr = java.util.Arrays.copyOfRange(x, r * s.cols(), (r + 1) * s.cols());
            double[] yr = new double[s.rows()], xg = new double[s.cols()];
            one.forward(theta, xr, yr, 1, lay);
            for (int i = 0; i < s.rows(); i++) assertEquals(yr[i], y[r * s.rows() + i], 1e-12 * (1 + Math.abs(yr[i])));
            one.backward(theta, xr, yr, java.util.Arrays.copyOfRange(ybar, r * s.rows(), (r + 1) * s.rows()), xg, gRows, 1, lay);
            for (int j = 0; j < s.cols(); j++) assertEquals(xg[j], xgBatch[r * s.cols() + j], 1e-12 * (1 + Math.abs(xg[j])));
        }
        for (int p = 0; p < theta.length; p++) assertEquals(gRows[p], gBatch[p], 1e-10 * (1 + Math.abs(gRows[p])));
    }
}
