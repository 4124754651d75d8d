package dev.pnn.tt;

/**
 * {@code tt_linear}: y = W x + b with W held as TT cores at {@code coreOff} (never formed) and b at {@code bOff}
 * (−1: no bias); b only on value rows. The contraction object is re-sized when a larger batch arrives.
 */
final class TtLayer implements JetLayer {
    private final TtShape shape;
    private final int coreOff;
    private final int bOff;
    private TtContraction contraction;

    TtLayer(TtShape shape, int coreOff, int bOff) {
        this.shape = shape;
        this.coreOff = coreOff;
        this.bOff = bOff;
        this.contraction = new TtContraction(shape, 1);
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

    @Override
    public void forward(double[] theta, double[] in, double[] out, int rows, JetLayout layout) {
        if (rows > contraction.capacity()) contraction = new TtContraction(shape, rows);
        contraction.forward(theta, coreOff, in, rows, out);
        if (bOff < 0) return;
        int m = shape.rows(), c = layout.comps();
        for (int r = 0; r < rows; r += c)
            for (int o = 0; o < m; o++) out[r * m + o] += theta[bOff + o];
    }

    @Override
    public void backward(double[] theta, double[] in, double[] out, double[] outGrad, double[] inGrad,
                         double[] thetaGrad, int rows, JetLayout layout) {
        contraction.backward(theta, coreOff, outGrad, inGrad, thetaGrad);
        if (bOff < 0) return;
        int m = shape.rows(), c = layout.comps();
        for (int r = 0; r < rows; r += c)
            for (int o = 0; o < m; o++) thetaGrad[bOff + o] += outGrad[r * m + o];
    }
}
