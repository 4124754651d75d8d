package dev.pnn.runtime;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.train.Loss;

/**
 * Loss and accuracy of θ on one example set, through the forward view of a device of its own (so evaluation
 * queries are counted apart from training queries). Buffers are allocated once per set. Public because the
 * Monte Carlo evaluation in {@code dev.pnn.runtime.eval} scores each device instance with it.
 */
public final class Evaluator {
    static final int CHUNK = 256;

    /** Mean loss and accuracy; accuracy is NaN for real targets, both are NaN for an empty set. */
    public record Score(double loss, double accuracy) {
    }

    private final ForwardView forward;
    private final Loss loss;
    private final Examples examples;
    private final Batch batch;
    private final Tensor output;
    private final int[] order;
    private final int chunk;

    Evaluator(ForwardView forward, Loss loss, Examples examples, ValueType outputType) {
        this(forward, loss, examples, outputType, CHUNK);
    }

    /**
     * @param chunk rows per forward call; it bounds memory, and a device whose drift advances per call sees
     *              a different noise sequence for a different chunk, so callers keep theirs fixed
     */
    public Evaluator(ForwardView forward, Loss loss, Examples examples, ValueType outputType, int chunk) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        this.forward = forward;
        this.loss = loss;
        this.examples = examples;
        this.chunk = chunk;
        int cap = Math.max(1, Math.min(chunk, examples.size()));
        this.batch = examples.newBatch(cap);
        this.output = Tensor.of(outputType, cap);
        this.order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
    }

    public Score score(double[] theta) {
        int n = examples.size();
        if (n == 0) return new Score(Double.NaN, Double.NaN);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
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
