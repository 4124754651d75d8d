package dev.pnn.tt;

import java.util.Arrays;

/** y = W x + b with W[out, n] row-major at {@code wOff} and b at {@code bOff} (−1: no bias); b only on value rows. */
record DenseLayer(int inWidth, int outWidth, int wOff, int bOff) implements JetLayer {
    @Override
    public void forward(double[] theta, double[] in, double[] out, int rows, JetLayout layout) {
        int n = inWidth, m = outWidth, c = layout.comps();
        for (int r = 0; r < rows; r++) {
            boolean value = r % c == 0;
            int xi = r * n, yo = r * m;
            for (int o = 0; o < m; o++) {
                double s = value && bOff >= 0 ? theta[bOff + o] : 0.0;
                int w = wOff + o * n;
                for (int i = 0; i < n; i++) s += theta[w + i] * in[xi + i];
                out[yo + o] = s;
            }
        }
    }

    @Override
    public void backward(double[] theta, double[] in, double[] out, double[] outGrad, double[] inGrad,
                         double[] thetaGrad, int rows, JetLayout layout) {
        int n = inWidth, m = outWidth, c = layout.comps();
        if (inGrad != null) Arrays.fill(inGrad, 0, rows * n, 0.0);
        for (int r = 0; r < rows; r++) {
            boolean value = r % c == 0;
            int xi = r * n, yo = r * m;
            for (int o = 0; o < m; o++) {
                double g = outGrad[yo + o];
                if (g == 0.0) continue;
                if (value && bOff >= 0) thetaGrad[bOff + o] += g;
                int w = wOff + o * n;
                for (int i = 0; i < n; i++) {
                    thetaGrad[w + i] += g * in[xi + i];
                    if (inGrad != null) inGrad[xi + i] += g * theta[w + i];
                }
            }
        }
    }
}
