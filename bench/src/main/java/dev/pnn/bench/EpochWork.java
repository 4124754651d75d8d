package dev.pnn.bench;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;

/**
 * One backprop epoch of the sample network without the optimizer step: for every mini-batch, twin forward,
 * cross-entropy gradient of the logits, twin backward into ∂L/∂θ. Data are random pixels in [0, 1) with random
 * labels, of the shape of digits8x8 (1,437 training samples of 64 pixels): speed does not depend on the values.
 */
final class EpochWork {
    static final int SAMPLES = 1437;

    final Graph graph;
    final Device device;
    final TwinView twin;
    final double[] theta;
    final double[] grad;
    final int batch;
    private final Tensor[] inputs;
    private final int[][] labels;
    private final Tape tape;
    private final Tensor logitGrad;

    EpochWork(int batch) {
        this.batch = batch;
        graph = SampleNetwork.mziDigits(64);
        device = SampleNetwork.open(graph);
        twin = device.view(TwinView.class);
        theta = SampleNetwork.initialTheta(graph, 1);
        grad = new double[theta.length];
        Rng r = new Rng(2);
        int batches = (SAMPLES + batch - 1) / batch;
        inputs = new Tensor[batches];
        labels = new int[batches][];
        for (int b = 0; b < batches; b++) {
            int rows = Math.min(batch, SAMPLES - b * batch);
            inputs[b] = Tensor.real(rows, 64);
            labels[b] = new int[rows];
            for (int i = 0; i < rows * 64; i++) inputs[b].re[i] = r.nextDouble();
            for (int i = 0; i < rows; i++) labels[b][i] = r.nextInt(10);
        }
        tape = twin.newTape(batch);
        logitGrad = Tensor.real(batch, 10);
    }

    /** Runs one epoch; returns the summed loss so the JIT cannot drop the work. */
    double epoch() {
        double total = 0;
        java.util.Arrays.fill(grad, 0.0);
        for (int b = 0; b < inputs.length; b++) {
            Tensor z = twin.forward(theta, inputs[b], tape);
            total += crossEntropy(z, labels[b], logitGrad);
            twin.backward(theta, tape, logitGrad, grad);
        }
        return total + grad[0];
    }

    private static double crossEntropy(Tensor z, int[] labels, Tensor g) {
        int rows = z.rows(), k = z.width;
        g.rows(rows);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, z.re[r * k + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(z.re[r * k + j] - m);
            loss += m + Math.log(s) - z.re[r * k + labels[r]];
            for (int j = 0; j < k; j++)
                g.re[r * k + j] = (Math.exp(z.re[r * k + j] - m) / s - (j == labels[r] ? 1 : 0)) / rows;
        }
        return loss / rows;
    }
}
