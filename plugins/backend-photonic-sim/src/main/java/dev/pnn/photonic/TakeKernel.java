package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** Keeps columns [from, from + width) of each row. */
final class TakeKernel implements Kernel {
    private final int from;

    TakeKernel(int from) {
        this.from = from;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        Tensor x = in[0];
        for (int r = 0; r < x.rows(); r++) System.arraycopy(x.re, r * x.width + from, out.re, r * out.width, out.width);
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        Tensor xg = inGrad[0];
        if (xg == null) return;
        xg.zero();
        for (int r = 0; r < outGrad.rows(); r++)
            System.arraycopy(outGrad.re, r * outGrad.width, xg.re, r * xg.width + from, outGrad.width);
    }
}
