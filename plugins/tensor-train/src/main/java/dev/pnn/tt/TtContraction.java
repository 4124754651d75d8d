package dev.pnn.tt;

import java.util.Arrays;

/**
 * y = W x for a batch of rows without forming W: cores are contracted left to right into the input (ALGORITHMS.md
 * §9). Stage s holds, per row, the layout (Π_{l<s} m_l, r_s, Π_{l≥s} n_l); contracting core s maps
 * (r_s, n_s) to (m_s, r_{s+1}). Every stage is kept so that {@link #backward} can follow a forward pass.
 * One instance per maximal batch size; not thread-safe.
 */
final class TtContraction {
    private final TtShape shape;
    private final int capacity;
    private final double[][] stages;
    private final double[] adjA;
    private final double[] adjB;
    private int rows;

    TtContraction(TtShape shape, int capacity) {
        this.shape = shape;
        this.capacity = capacity;
        int k = shape.cores();
        stages = new double[k + 1][];
        int max = 0;
        for (int s = 0; s <= k; s++) {
            stages[s] = new double[Math.max(1, capacity * shape.stageWidth(s))];
            max = Math.max(max, shape.stageWidth(s));
        }
        adjA = new double[Math.max(1, capacity * max)];
        adjB = new double[Math.max(1, capacity * max)];
    }

    TtShape shape() {
        return shape;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Writes y = W x for {@code rows} rows: x is rows × N, y is rows × M (both row-major, starting at index 0);
     * the cores start at {@code theta[off]}.
     */
    void forward(double[] theta, int off, double[] x, int rows, double[] y) {
        if (rows > capacity) throw new IllegalArgumentException("batch " + rows + " exceeds capacity " + capacity);
        this.rows = rows;
        int n = shape.cols();
        System.arraycopy(x, 0, stages[0], 0, rows * n);
        for (int k = 0; k < shape.cores(); k++) contract(theta, off + shape.coreOffset(k), k, rows);
        System.arraycopy(stages[shape.cores()], 0, y, 0, rows * shape.rows());
    }

    private void contract(double[] theta, int coreOff, int k, int rows) {
        int il = shape.leftRows(k), rp = shape.ranks()[k], nk = shape.ns()[k], mk = shape.ms()[k],
                rk = shape.ranks()[k + 1], jr = shape.rightCols(k);
        double[] in = stages[k], out = stages[k + 1];
        int inW = shape.stageWidth(k), outW = shape.stageWidth(k + 1);
        Arrays.fill(out, 0, rows * outW, 0.0);
        for (int b = 0; b < rows; b++) {
            for (int l = 0; l < il; l++) {
                int inBase = b * inW + l * rp * nk * jr;
                int outBase = b * outW + l * mk * rk * jr;
                for (int a = 0; a < rp; a++) {
                    for (int j = 0; j < nk; j++) {
                        int src = inBase + (a * nk + j) * jr;
                        for (int i = 0; i < mk; i++) {
                            int g = coreOff + ((a * mk + i) * nk + j) * rk;
                            for (int r = 0; r < rk; r++) {
                                double w = theta[g + r];
                                if (w == 0.0) continue;
                                int dst = outBase + (i * rk + r) * jr;
                                for (int q = 0; q < jr; q++) out[dst + q] += w * in[src + q];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Vector–Jacobian product of the last {@link #forward}: adds ∂L/∂cores into {@code thetaGrad[off..]} and, when
     * {@code xGrad} is non-null, writes ∂L/∂x into it. {@code yGrad} is rows × M.
     */
    void backward(double[] theta, int off, double[] yGrad, double[] xGrad, double[] thetaGrad) {
        int k = shape.cores();
        double[] cur = adjA, nxt = adjB;
        System.arraycopy(yGrad, 0, cur, 0, rows * shape.rows());
        for (int s = k - 1; s >= 0; s--) {
            int coreOff = off + shape.coreOffset(s);
            int il = shape.leftRows(s), rp = shape.ranks()[s], nk = shape.ns()[s], mk = shape.ms()[s],
                    rk = shape.ranks()[s + 1], jr = shape.rightCols(s);
            int inW = shape.stageWidth(s), outW = shape.stageWidth(s + 1);
            double[] in = stages[s];
            boolean needInput = s > 0 || xGrad != null;
            if (needInput) Arrays.fill(nxt, 0, rows * inW, 0.0);
            for (int b = 0; b < rows; b++) {
                for (int l = 0; l < il; l++) {
                    int inBase = b * inW + l * rp * nk * jr;
                    int outBase = b * outW + l * mk * rk * jr;
                    for (int a = 0; a < rp; a++) {
                        for (int j = 0; j < nk; j++) {
                            int src = inBase + (a * nk + j) * jr;
                            for (int i = 0; i < mk; i++) {
                                int g = coreOff + ((a * mk + i) * nk + j) * rk;
                                for (int r = 0; r < rk; r++) {
                                    int dst = outBase + (i * rk + r) * jr;
                                    double gw = 0, w = theta[g + r];
                                    for (int q = 0; q < jr; q++) {
                                        double ybar = cur[dst + q];
                                        gw += ybar * in[src + q];
                                        if (needInput) nxt[src + q] += w * ybar;
                                    }
                                    thetaGrad[g + r] += gw;
                                }
                            }
                        }
                    }
                }
            }
            double[] t = cur;
            cur = nxt;
            nxt = t;
        }
        if (xGrad != null) System.arraycopy(cur, 0, xGrad, 0, rows * shape.cols());
    }

    /** The dense W (M × N, row-major) the cores represent; for tests and TT-SVD checks, never in hot paths. */
    static double[] dense(TtShape shape, double[] cores, int off) {
        int m = shape.rows(), n = shape.cols();
        double[] w = new double[m * n];
        TtContraction c = new TtContraction(shape, n);
        double[] eye = new double[n * n];
        for (int j = 0; j < n; j++) eye[j * n + j] = 1;
        double[] cols = new double[n * m];
        c.forward(cores, off, eye, n, cols);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++) w[i * n + j] = cols[j * m + i];
        return w;
    }

    /** W[i, j] by the defining product G_1[0, i_1, j_1, :]·…·G_K[:, i_K, j_K, 0] with big-endian digits. */
    static double entry(TtShape shape, double[] cores, int off, int i, int j) {
        int k = shape.cores();
        int[] id = digits(i, shape.ms()), jd = digits(j, shape.ns());
        double[] v = {1.0};
        for (int s = 0; s < k; s++) {
            int rp = shape.ranks()[s], rk = shape.ranks()[s + 1], mk = shape.ms()[s], nk = shape.ns()[s];
            int base = off + shape.coreOffset(s);
            double[] nv = new double[rk];
            for (int a = 0; a < rp; a++)
                for (int r = 0; r < rk; r++) nv[r] += v[a] * cores[base + ((a * mk + id[s]) * nk + jd[s]) * rk + r];
            v = nv;
        }
        return v[0];
    }

    /** Big-endian mixed-radix digits: i = (…(i₁m₂ + i₂)m₃ + …) + i_K. */
    static int[] digits(int index, int[] radix) {
        int[] d = new int[radix.length];
        for (int s = radix.length - 1; s >= 0; s--) {
            d[s] = index % radix[s];
            index /= radix[s];
        }
        return d;
    }
}
