package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** y = x + b with a learnable vector b at θ[offset]. */
final class BiasKernel implements Kernel {
    private final int offset;

    BiasKernel(int offset) {
        this.offset = offset;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        int w = in[0].width;
        for (int r = 0; r < in[0].rows(); r++)
            for (int j = 0; j < w; j++) out.re[r * w + j] = in[0].re[r * w + j] + theta[offset + j];
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        int w = outGrad.width;
        for (int r = 0; r < outGrad.rows(); r++)
            for (int j = 0; j < w; j++) thetaGrad[offset + j] += outGrad.re[r * w + j];
        if (inGrad[0] != null) System.arraycopy(outGrad.re, 0, inGrad[0].re, 0, outGrad.rows() * w);
    }
}
