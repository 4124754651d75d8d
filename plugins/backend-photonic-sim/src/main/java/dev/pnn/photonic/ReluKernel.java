package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** y = max(x, 0); the derivative at x = 0 is taken as 0. */
final class ReluKernel implements Kernel {
    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        int len = in[0].rows() * in[0].width;
        for (int i = 0; i < len; i++) out.re[i] = Math.max(in[0].re[i], 0.0);
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        if (inGrad[0] == null) return;
        int len = outGrad.rows() * outGrad.width;
        for (int i = 0; i < len; i++) inGrad[0].re[i] = in[0].re[i] > 0 ? outGrad.re[i] : 0.0;
    }
}
