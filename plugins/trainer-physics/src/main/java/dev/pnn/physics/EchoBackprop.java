package dev.pnn.physics;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.EchoView;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;

/**
 * Hamiltonian echo backpropagation (ALGORITHMS.md §11). Per sample: launch, evolve, read the output modes
 * coherently, evaluate the loss on their intensities P_r = |a_r|²; inject iε·∂ℓ/∂a* (= iε·(∂ℓ/∂P_r)·a_r on the
 * output modes), time-reverse, evolve (the echo), time-reverse, and read the learning field's momentum:
 * ĝ = π/ε → dℓ/dθ as ε → 0 (order 1; the symmetric variant uses a second wave with −ε and is order 2).
 * One forward and one echo per sample, twice that when symmetric.
 */
final class EchoBackprop implements GradientTrainer {
    private final EchoView echo;
    private final SampleLoss loss;
    private final double epsilon;
    private final boolean symmetric;
    private final int[] outs;
    private final double[] x;
    private final double[] re;
    private final double[] im;
    private final double[] dRe;
    private final double[] dIm;
    private final double[] y;
    private final double[] dy;
    private double[] piPlus = new double[0];
    private double[] piMinus = new double[0];

    EchoBackprop(EchoView echo, Loss loss, int inputWidth, double epsilon, boolean symmetric) {
        this.echo = echo;
        this.outs = echo.outputModes();
        this.loss = new SampleLoss(loss, outs.length);
        this.epsilon = epsilon;
        this.symmetric = symmetric;
        int n = echo.modes();
        this.x = new double[inputWidth];
        this.re = new double[n];
        this.im = new double[n];
        this.dRe = new double[n];
        this.dIm = new double[n];
        this.y = new double[outs.length];
        this.dy = new double[outs.length];
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        if (piPlus.length != theta.length) {
            piPlus = new double[theta.length];
            piMinus = new double[theta.length];
        }
        int rows = batch.size(), w = x.length;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch.inputs().re, r * w, x, 0, w);
            total += echoOnce(theta, batch, r, epsilon, piPlus);
            if (symmetric) {
                echoOnce(theta, batch, r, -epsilon, piMinus);
                for (int i = 0; i < grad.length; i++) grad[i] += (piPlus[i] - piMinus[i]) / (2 * epsilon * rows);
            } else {
                for (int i = 0; i < grad.length; i++) grad[i] += piPlus[i] / (epsilon * rows);
            }
        }
        return total / rows;
    }

    /** One forward pass, injection with strength eps, echo; writes the final momentum (π₀ = 0). */
    private double echoOnce(double[] theta, Batch batch, int row, double eps, double[] pi) {
        EchoView.Wave wave = echo.launch(theta, x);
        wave.evolve();
        wave.readWave(re, im);
        for (int k = 0; k < outs.length; k++) y[k] = re[outs[k]] * re[outs[k]] + im[outs[k]] * im[outs[k]];
        double l = loss.evaluate(batch, row, y, dy);
        java.util.Arrays.fill(dRe, 0.0);
        java.util.Arrays.fill(dIm, 0.0);
        for (int k = 0; k < outs.length; k++) {
            int m = outs[k];
            // iε·∂ℓ/∂a_m* with ∂ℓ/∂a_m* = (∂ℓ/∂P_m)·a_m
            dRe[m] = -eps * dy[k] * im[m];
            dIm[m] = eps * dy[k] * re[m];
        }
        wave.inject(dRe, dIm);
        wave.timeReverse();
        wave.evolve();
        wave.timeReverse();
        wave.readMomentum(pi);
        return l;
    }
}
