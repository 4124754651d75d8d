package dev.pnn.photonic;

import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/**
 * Square-law detection P = |E|². <b>Noise hook:</b> per-query detector noise (shot noise, readout noise, ADC;
 * {@code dev.pnn.spi.noise.SignalNoise}) belongs in a physical variant of this kernel, applied to {@code out}
 * after the square law, with the device's dynamic stream; the twin keeps this exact kernel.
 */
final class PhotodetectKernel implements Kernel {
    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        Tensor x = in[0];
        int len = x.rows() * x.width;
        for (int i = 0; i < len; i++) out.re[i] = x.re[i] * x.re[i] + x.im[i] * x.im[i];
    }

    /** P = |y|² ⇒ ȳ = 2y·∂L/∂P. */
    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        Tensor xg = inGrad[0];
        if (xg == null) return;
        Tensor x = in[0];
        int len = outGrad.rows() * outGrad.width;
        for (int i = 0; i < len; i++) {
            double g = 2 * outGrad.re[i];
            xg.re[i] = g * x.re[i];
            xg.im[i] = g * x.im[i];
        }
    }
}
