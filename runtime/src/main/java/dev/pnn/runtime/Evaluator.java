package dev.pnn.runtime;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.train.Loss;

/**
 * Loss and accuracy of θ on one example set, through the forward view of a device of its own (so evaluation
 * queries are counted apart from training queries). Buffers are allocated once per set.
 */
final class Evaluator {
    static final int CHUNK = 256;

    record Score(double loss, double accuracy) {
    }

    private final ForwardView forward;
    private final Loss loss;
    private final Examples examples;
    private final Batch batch;
    private final Tensor output;
    private final int[] order;

    Evaluator(ForwardView forward, Loss loss, Examples examples, ValueType outputType) {
        this.forward = forward;
        this.loss = loss;
        this.examples = examples;
        int cap = Math.max(1, Math.min(CHUNK, examples.size()));
        this.batch = examples.newBatch(cap);
        this.output = Tensor.of(outputType, cap);
        this.order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
    }

    Score score(double[] theta) {
        int n = examples.size();
        if (n == 0) return new Score(Double.NaN, Double.NaN);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            examples.fill(order, from, to, batch);
            output.rows(to - from);
            forward.forward(theta, batch.inputs(), output);
            lossSum += loss.evaluate(output, batch, null) * (to - from);
            if (examples.isClassification()) correct += correct(output, batch.labels(), to - from);
        }
        return new Score(lossSum / n, examples.isClassification() ? (double) correct / n : Double.NaN);
    }

    /** Argmax with ties to the lowest index; a row with any NaN counts as wrong (ALGORITHMS.md §1). */
    static long correct(Tensor out, int[] labels, int rows) {
        long c = 0;
        int w = out.width;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            boolean nan = false;
            for (int k = 0; k < w; k++) {
                double v = out.re[r * w + k];
                if (Double.isNaN(v)) nan = true;
                else if (v > out.re[r * w + best]) best = k;
            }
            if (!nan && best == labels[r]) c++;
        }
        return c;
    }
}
