package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/** Electrical values to optical field: amplitude encoding E = x, or phase encoding E = e^{ix}. */
final class ModulateKernel implements Kernel {
    private final boolean phase;

    ModulateKernel(boolean phase) {
        this.phase = phase;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        double[] x = in[0].re;
        int len = in[0].rows() * in[0].width;
        if (phase) {
            for (int i = 0; i < len; i++) {
                out.re[i] = Math.cos(x[i]);
                out.im[i] = Math.sin(x[i]);
            }
        } else {
            System.arraycopy(x, 0, out.re, 0, len);
            java.util.Arrays.fill(out.im, 0, len, 0.0);
        }
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        Tensor xg = inGrad[0];
        if (xg == null) return;
        int len = outGrad.rows() * outGrad.width;
        if (phase) {
            // y = e^{ix}: ∂L/∂x = −Im(conj(ȳ) y)
            for (int i = 0; i < len; i++) xg.re[i] = -(outGrad.re[i] * out.im[i] - outGrad.im[i] * out.re[i]);
        } else {
            System.arraycopy(outGrad.re, 0, xg.re, 0, len);
        }
    }
}
