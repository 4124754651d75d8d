package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.noise.SignalNoise;

import java.util.List;

/**
 * A physical photodetector: the square law, then the profile's {@code detector} models in written order (shot
 * noise, readout noise, ADC, ...) over the batch in row-major order, drawing from the device's dynamic stream.
 * Its backward is the exact square law's (the measured values are what a VJP is evaluated at).
 */
final class NoisyDetector implements Kernel {
    private final Kernel exact;
    private final List<SignalNoise> noise;
    private final Rng dynamic;

    NoisyDetector(Kernel exact, List<SignalNoise> noise, Rng dynamic) {
        this.exact = exact;
        this.noise = List.copyOf(noise);
        this.dynamic = dynamic;
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        exact.forward(theta, in, out, scratch);
        int len = out.rows() * out.width;
        for (SignalNoise s : noise) s.apply(out.re, 0, len, dynamic);
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        exact.backward(theta, in, out, outGrad, inGrad, thetaGrad, scratch);
    }

    @Override
    public Object newScratch(int maxRows) {
        return exact.newScratch(maxRows);
    }
}
