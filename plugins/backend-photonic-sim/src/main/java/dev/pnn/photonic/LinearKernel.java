package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** y = W x + b with W[out, n] row-major at θ[weight] and b[out] at θ[bias] (bias &lt; 0: no bias). */
final class LinearKernel implements Kernel {
    private final int weight;
    private final int bias;
    private final int n;
    private final int outWidth;

    LinearKernel(int weight, int bias, int n, int outWidth) {
        this.weight = weight;
        this.bias = bias;
        this.n = n;
        this.outWidth = outWidth;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        double[] x = in[0].re, y = out.re;
        for (int r = 0; r < in[0].rows(); r++) {
            int xo = r * n, yo = r * outWidth;
            for (int o = 0; o < outWidth; o++) {
                int w = weight + o * n;
                double acc = bias >= 0 ? theta[bias + o] : 0.0;
                for (int j = 0; j < n; j++) acc += theta[w + j] * x[xo + j];
                y[yo + o] = acc;
            }
        }
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        double[] x = in[0].re, g = outGrad.re;
        Tensor xg = inGrad[0];
        if (xg != null) java.util.Arrays.fill(xg.re, 0, outGrad.rows() * n, 0.0);
        for (int r = 0; r < outGrad.rows(); r++) {
            int xo = r * n, yo = r * outWidth;
            for (int o = 0; o < outWidth; o++) {
                double go = g[yo + o];
                int w = weight + o * n;
                if (bias >= 0) thetaGrad[bias + o] += go;
                for (int j = 0; j < n; j++) thetaGrad[w + j] += go * x[xo + j];
                if (xg != null) for (int j = 0; j < n; j++) xg.re[xo + j] += go * theta[w + j];
            }
        }
    }
}
