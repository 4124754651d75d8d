package dev.pnn.noise;

import dev.pnn.spi.noise.Crosstalk;
import dev.pnn.spi.noise.Neighbours;

/**
 * {@code thermal(coupling: χ)}: a heater's drive is p = x mod 2π ∈ [0, 2π) (proportional to its power); each
 * shifter's effective phase is x_m + χ·Σ_{m'∈nbr(m)} p_{m'} (ALGORITHMS.md §2.4). The VJP is I + χXᵀ away from
 * wrap points, where p is discontinuous.
 */
record ThermalCrosstalk(double coupling) implements Crosstalk {
    private static final double TWO_PI = 2 * Math.PI;

    static double drive(double x) {
        return x - TWO_PI * Math.floor(x / TWO_PI);
    }

    @Override
    public void couple(double[] x, Neighbours nbr, double[] out) {
        int n = nbr.size();
        int[] start = nbr.start();
        int[] index = nbr.index();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = start[i]; k < start[i + 1]; k++) s += drive(x[index[k]]);
            out[i] = coupling == 0 ? x[i] : x[i] + coupling * s;
        }
    }

    @Override
    public void coupleTranspose(double[] x, Neighbours nbr, double[] outBar, double[] xBar) {
        int n = nbr.size();
        int[] start = nbr.start();
        int[] index = nbr.index();
        System.arraycopy(outBar, 0, xBar, 0, n);
        if (coupling == 0) return;
        for (int i = 0; i < n; i++)
            for (int k = start[i]; k < start[i + 1]; k++) xBar[index[k]] += coupling * outBar[i];
    }

    @Override
    public String describe() {
        return "thermal(coupling: " + coupling + ")";
    }

    @Override
    public boolean isIdeal() {
        return coupling == 0;
    }
}
