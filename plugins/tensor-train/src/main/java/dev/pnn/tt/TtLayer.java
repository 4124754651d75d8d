package dev.pnn.tt;

/**
 * {@code tt_linear}: y = W x + b with W held as TT cores at {@code coreOff} and b at {@code bOff} (−1: no bias);
 * b only on value rows.
 *
 * <p>Two exact evaluation paths. For a batch the simulator picks the cheaper one: contracting every row
 * through the cores (what the photonic TT realization does, cost {@link TtShape#contractionFlops()} per row), or
 * contracting the N unit vectors once to form W and then multiplying densely (N·flops + rows·M·N). At the small
 * sizes of a PINN the second is faster in simulation; both are the same linear map (property-tested to 1e-12),
 * and the backward of the second pulls ∂L/∂W back to the cores through the same contraction.
 */
final class TtLayer implements JetLayer {
    private final TtShape shape;
    private final int coreOff;
    private final int bOff;
    private TtContraction contraction;
    private final TtContraction former;
    private final double[] eye;
    private final double[] wt;       // Wᵀ as formed: wt[j*M + i] = W[i, j]
    private final double[] wtGrad;
    private boolean dense;
    private final Boolean forced;   // null: pick the cheaper path per batch

    TtLayer(TtShape shape, int coreOff, int bOff) {
        this(shape, coreOff, bOff, null);
    }

    /** {@code formW} true/false forces the formed-W / per-row contraction path (tests compare them). */
    TtLayer(TtShape shape, int coreOff, int bOff, Boolean formW) {
        this.forced = formW;
        this.shape = shape;
        this.coreOff = coreOff;
        this.bOff = bOff;
        this.contraction = new TtContraction(shape, 1);
        int n = shape.cols(), m = shape.rows();
        this.former = new TtContraction(shape, n);
        this.eye = new double[n * n];
        for (int j = 0; j < n; j++) eye[j * n + j] = 1;
        this.wt = new double[n * m];
        this.wtGrad = new double[n * m];
    }

    TtShape shape() {
        return shape;
    }

    @Override
    public int inWidth() {
        return shape.cols();
    }

    @Override
    public int outWidth() {
        return shape.rows();
    }

    static boolean formIsCheaper(TtShape s, long rows) {
        long f = s.contractionFlops();
        return (long) s.cols() * f + rows * s.rows() * s.cols() < rows * f;
    }

    @Override
    public void forward(double[] theta, double[] in, double[] out, int rows, JetLayout layout) {
        int m = shape.rows(), n = shape.cols();
        dense = forced != null ? forced : formIsCheaper(shape, rows);
        if (dense) {
            former.forward(theta, coreOff, eye, n, wt);
            for (int r = 0; r < rows; r++) {
                int yo = r * m, xi = r * n;
                for (int i = 0; i < m; i++) out[yo + i] = 0;
                for (int j = 0; j < n; j++) {
                    double x = in[xi + j];
                    if (x == 0.0) continue;
                    int w = j * m;
                    for (int i = 0; i < m; i++) out[yo + i] += wt[w + i] * x;
                }
            }
        } else {
            if (rows > contraction.capacity()) contraction = new TtContraction(shape, rows);
            contraction.forward(theta, coreOff, in, rows, out);
        }
        if (bOff < 0) return;
        int c = layout.comps();
        for (int r = 0; r < rows; r += c)
            for (int o = 0; o < m; o++) out[r * m + o] += theta[bOff + o];
    }

    @Override
    public void backward(double[] theta, double[] in, double[] out, double[] outGrad, double[] inGrad,
                         double[] thetaGrad, int rows, JetLayout layout) {
        int m = shape.rows(), n = shape.cols();
        if (dense) {
            java.util.Arrays.fill(wtGrad, 0.0);
            if (inGrad != null) java.util.Arrays.fill(inGrad, 0, rows * n, 0.0);
            for (int r = 0; r < rows; r++) {
                int yo = r * m, xi = r * n;
                for (int j = 0; j < n; j++) {
                    double x = in[xi + j], acc = 0;
                    int w = j * m;
                    for (int i = 0; i < m; i++) {
                        double g = outGrad[yo + i];
                        wtGrad[w + i] += g * x;
                        acc += g * wt[w + i];
                    }
                    if (inGrad != null) inGrad[xi + j] = acc;
                }
            }
            former.backward(theta, coreOff, wtGrad, null, thetaGrad);
        } else {
            contraction.backward(theta, coreOff, outGrad, inGrad, thetaGrad);
        }
        if (bOff < 0) return;
        int c = layout.comps();
        for (int r = 0; r < rows; r += c)
            for (int o = 0; o < m; o++) thetaGrad[bOff + o] += outGrad[r * m + o];
    }
}
