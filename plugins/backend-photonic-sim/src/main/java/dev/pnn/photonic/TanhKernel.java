package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** y = tanh(x); the VJP uses 1 − y² with y the output the kernel was given. */
final class TanhKernel implements Kernel {
    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        int len = in[0].rows() * in[0].width;
        for (int i = 0; i < len; i++) out.re[i] = Math.tanh(in[0].re[i]);
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        if (inGrad[0] == null) return;
        int len = outGrad.rows() * outGrad.width;
        for (int i = 0; i < len; i++) {
            double y = out.re[i];
            inGrad[0].re[i] = outGrad.re[i] * (1 - y * y);
        }
    }
}
