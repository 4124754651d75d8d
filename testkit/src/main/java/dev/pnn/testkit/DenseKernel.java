package dev.pnn.testkit;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** y = W x with W[out, n] row-major at θ[offset..): the layer of the reference trainer problem. */
final class DenseKernel implements Kernel {
    private final int offset;
    private final int n;
    private final int out;

    DenseKernel(int offset, int n, int out) {
        this.offset = offset;
        this.n = n;
        this.out = out;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor y, Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        y.rows(rows);
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += theta[offset + j * n + i] * x.re[b * n + i];
                y.re[b * out + j] = s;
            }
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor y, Tensor yBar, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < out; j++) {
                double g = yBar.re[b * out + j];
                for (int i = 0; i < n; i++) thetaGrad[offset + j * n + i] += g * x.re[b * n + i];
            }
        if (inGrad[0] != null) {
            Tensor xb = inGrad[0];
            xb.rows(rows);
            for (int b = 0; b < rows; b++)
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < out; j++) s += theta[offset + j * n + i] * yBar.re[b * out + j];
                    xb.re[b * n + i] = s;
                }
        }
    }
}
