package org.example.pnn.crossbar;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** The saturating sense amplifier y = tanh(x), elementwise. */
final class SenseKernel implements Kernel {
    @Override
    public void forward(double[] theta, Tensor[] in, Tensor y, Object scratch) {
        Tensor x = in[0];
        y.rows(x.rows());
        for (int k = 0; k < x.rows() * x.width; k++) y.re[k] = Math.tanh(x.re[k]);
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor y, Tensor yBar, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        Tensor xb = inGrad[0];
        if (xb == null) return;
        xb.rows(y.rows());
        for (int k = 0; k < y.rows() * y.width; k++) xb.re[k] = yBar.re[k] * (1 - y.re[k] * y.re[k]);
    }
}
