package dev.pnn.physics;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ScatteringView;
import dev.pnn.spi.device.ScatteringView.Knob;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;

import java.util.List;

/**
 * Scattering backpropagation (Wanjura–Marquardt; ALGORITHMS.md §12), exact for a reciprocal linear scattering
 * network. Per sample: (1) probe the probe port p with unit amplitude: outputs y_r = a_out,r, scattered field
 * b¹ = a_out − e_p at every port; (2) evaluate the loss on P_r = |y_r|², inject c_r = ∂ℓ/∂y_r = (∂ℓ/∂P_r)·y_r* at
 * the output ports and read b² = a_out − c. Then dℓ/dΔ_j = 2Re[(i/κ_j)·b²_j·b¹_j] and
 * dℓ/dJ_jk = 2Re[(i/√(κ_jκ_k))·(b²_j·b¹_k + b²_k·b¹_j)] for every knob at once. Two probes per sample.
 */
final class ScatteringBackprop implements GradientTrainer {
    private final ScatteringView device;
    private final SampleLoss loss;
    private final int n;
    private final int probe;
    private final int[] outs;
    private final List<Knob> knobs;
    private final double[] kappa;
    private final double[] x;
    private final double[] inRe;
    private final double[] inIm;
    private final double[] b1Re;
    private final double[] b1Im;
    private final double[] b2Re;
    private final double[] b2Im;
    private final double[] y;
    private final double[] dy;

    ScatteringBackprop(ScatteringView device, Loss loss, int inputWidth) {
        this.device = device;
        this.n = device.ports();
        this.probe = device.probePort();
        this.outs = device.outputPorts();
        this.knobs = device.knobs();
        this.loss = new SampleLoss(loss, outs.length);
        this.kappa = new double[n];
        for (int j = 0; j < n; j++) kappa[j] = device.couplingRate(j);
        this.x = new double[inputWidth];
        this.inRe = new double[n];
        this.inIm = new double[n];
        this.b1Re = new double[n];
        this.b1Im = new double[n];
        this.b2Re = new double[n];
        this.b2Im = new double[n];
        this.y = new double[outs.length];
        this.dy = new double[outs.length];
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        int rows = batch.size(), w = x.length;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch.inputs().re, r * w, x, 0, w);
            java.util.Arrays.fill(inRe, 0.0);
            java.util.Arrays.fill(inIm, 0.0);
            inRe[probe] = 1;
            device.probe(theta, x, inRe, inIm, b1Re, b1Im);
            b1Re[probe] -= 1;
            for (int k = 0; k < outs.length; k++) {
                int o = outs[k];
                y[k] = b1Re[o] * b1Re[o] + b1Im[o] * b1Im[o]; // o ≠ p, so y_o = b¹_o
            }
            total += loss.evaluate(batch, r, y, dy);
            inRe[probe] = 0;
            for (int k = 0; k < outs.length; k++) {
                int o = outs[k];
                inRe[o] = dy[k] * b1Re[o];    // c = (∂ℓ/∂P)·y*
                inIm[o] = -dy[k] * b1Im[o];
            }
            device.probe(theta, x, inRe, inIm, b2Re, b2Im);
            for (int j = 0; j < n; j++) {
                b2Re[j] -= inRe[j];
                b2Im[j] -= inIm[j];
            }
            for (int i = 0; i < knobs.size(); i++) {
                Knob kb = knobs.get(i);
                double g;
                if (kb.kind() == Knob.Kind.DETUNING) {
                    int j = kb.mode();
                    g = -2 * imOfProduct(b2Re[j], b2Im[j], b1Re[j], b1Im[j]) / kappa[j];
                } else if (kb.kind() == Knob.Kind.COUPLING) {
                    int j = kb.mode(), k = kb.other();
                    double im = imOfProduct(b2Re[j], b2Im[j], b1Re[k], b1Im[k])
                            + imOfProduct(b2Re[k], b2Im[k], b1Re[j], b1Im[j]);
                    g = -2 * im / Math.sqrt(kappa[j] * kappa[k]);
                } else {
                    continue;
                }
                grad[i] += g / rows; // 2Re[i·z/κ] = −2Im(z)/κ
            }
        }
        return total / rows;
    }

    private static double imOfProduct(double ar, double ai, double br, double bi) {
        return ar * bi + ai * br;
    }
}
