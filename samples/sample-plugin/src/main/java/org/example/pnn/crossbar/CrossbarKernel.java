package org.example.pnn.crossbar;

import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.Tensor;

/**
 * One crossbar for a whole batch: y_j = Σ_i W_ji x_i (+ W_j,n for the bias row at 1 V), where the effective
 * weights W come from the programmed conductance pairs.
 *
 * <p>As hardware ({@link #physical}): each target conductance is clamped to [G_min, G_max], quantized to the
 * device's levels, then carries its static programming error G(1 + σ_p ξ) drawn once per device; every output
 * read adds σ_r ξ of read noise from the device's dynamic stream. As twin ({@link #twin}): W = clamp(w, −1, 1),
 * differentiable inside the window; its VJP is what backprop sees (straight through the quantizer, the
 * physics-aware-training convention, since the twin is the ideal model). The physical kernel's own backward uses
 * the same straight-through rule at its effective weights.
 */
final class CrossbarKernel implements Kernel {
    private final int offset;
    private final int n;
    private final int out;
    private final boolean bias;
    private final int cols;
    private final Conductances cond;
    private final double sigmaP;
    private final double sigmaR;
    private final double[] xiPlus;
    private final double[] xiMinus;
    private final Rng readNoise;
    /** Effective weights [out, cols]; recomputed from θ on every pass (θ may change between passes). */
    private final double[] weff;

    private CrossbarKernel(int offset, int n, int out, boolean bias, Conductances cond, double sigmaP, double sigmaR,
                           double[] xiPlus, double[] xiMinus, Rng readNoise) {
        this.offset = offset;
        this.n = n;
        this.out = out;
        this.bias = bias;
        this.cols = n + (bias ? 1 : 0);
        this.cond = cond;
        this.sigmaP = sigmaP;
        this.sigmaR = sigmaR;
        this.xiPlus = xiPlus;
        this.xiMinus = xiMinus;
        this.readNoise = readNoise;
        this.weff = new double[out * cols];
    }

    /** The ideal, differentiable model. */
    static CrossbarKernel twin(int offset, int n, int out, boolean bias) {
        return new CrossbarKernel(offset, n, out, bias, null, 0, 0, null, null, null);
    }

    /**
     * The hardware: programming errors ξ± drawn now from {@code staticErrors} (row-major over [out, cols], G⁺ then
     * G⁻ per cell), read noise from {@code dynamic} when σ_r > 0.
     */
    static CrossbarKernel physical(int offset, int n, int out, boolean bias, Conductances cond, double sigmaP,
                                   double sigmaR, Rng staticErrors, Rng dynamic) {
        int cells = out * (n + (bias ? 1 : 0));
        double[] xp = new double[cells], xm = new double[cells];
        if (sigmaP > 0)
            for (int c = 0; c < cells; c++) {
                xp[c] = staticErrors.nextGaussian();
                xm[c] = staticErrors.nextGaussian();
            }
        return new CrossbarKernel(offset, n, out, bias, cond, sigmaP, sigmaR, xp, xm, sigmaR > 0 ? dynamic : null);
    }

    /** θ index of cell (j, i): weights [out, n] row-major, then the bias column [out]. */
    private int thetaIndex(int j, int i) {
        return i < n ? offset + j * n + i : offset + out * n + j;
    }

    private void effectiveWeights(double[] theta) {
        for (int j = 0; j < out; j++)
            for (int i = 0; i < cols; i++) {
                double w = Math.max(-1, Math.min(1, theta[thetaIndex(j, i)]));
                int c = j * cols + i;
                if (cond == null) {
                    weff[c] = w;
                } else {
                    double gp = cond.plus(w) * (1 + sigmaP * xiPlus[c]);
                    double gm = cond.minus(w) * (1 + sigmaP * xiMinus[c]);
                    weff[c] = (gp - gm) / cond.g0();
                }
            }
    }

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor y, Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        y.rows(rows);
        effectiveWeights(theta);
        for (int b = 0; b < rows; b++) {
            int xo = b * n, yo = b * out;
            for (int j = 0; j < out; j++) {
                int wo = j * cols;
                double s = bias ? weff[wo + n] : 0;
                for (int i = 0; i < n; i++) s += weff[wo + i] * x.re[xo + i];
                if (readNoise != null) s += sigmaR * readNoise.nextGaussian();
                y.re[yo + j] = s;
            }
        }
    }

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor y, Tensor yBar, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        effectiveWeights(theta);
        for (int j = 0; j < out; j++)
            for (int i = 0; i < cols; i++) {
                double w = theta[thetaIndex(j, i)];
                if (w <= -1 || w >= 1) continue; // clamped: the window edge passes no gradient
                double g = 0;
                for (int b = 0; b < rows; b++) g += yBar.re[b * out + j] * (i < n ? x.re[b * n + i] : 1);
                thetaGrad[thetaIndex(j, i)] += g;
            }
        Tensor xb = inGrad[0];
        if (xb == null) return;
        xb.rows(rows);
        for (int b = 0; b < rows; b++)
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < out; j++) s += weff[j * cols + i] * yBar.re[b * out + j];
                xb.re[b * n + i] = s;
            }
    }
}
