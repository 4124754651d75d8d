package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** y = γ·x with one learnable scalar γ at θ[offset]. */
final class GainKernel implements Kernel {
    private final int offset;

    GainKernel(int offset) {
        this.offset = offset;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        double g = theta[offset];
        int len = in[0].rows() * in[0].width;
        for (int i = 0; i < len; i++) out.re[i] = g * in[0].re[i];
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        double g = theta[offset];
        int len = outGrad.rows() * outGrad.width;
        double acc = 0;
        for (int i = 0; i < len; i++) acc += in[0].re[i] * outGrad.re[i];
        thetaGrad[offset] += acc;
        Tensor xg = inGrad[0];
        if (xg != null) for (int i = 0; i < len; i++) xg.re[i] = g * outGrad.re[i];
    }
}
