package dev.pnn.spi.data;

import dev.pnn.spi.exec.Tensor;

/**
 * A reusable mini-batch: inputs (real), and class labels or real targets. {@link #size()} may be below
 * capacity for the last batch of an epoch.
 */
public final class Batch {
    private final Tensor inputs;
    private final int[] labels;
    private final Tensor targets;
    private int size;

    public Batch(Tensor inputs, int[] labels, Tensor targets) {
        this.inputs = inputs;
        this.labels = labels;
        this.targets = targets;
        this.size = inputs.rows();
    }

    public static Batch allocate(int capacity, int width, boolean labelled, int targetWidth) {
        return new Batch(Tensor.real(capacity, width), labelled ? new int[capacity] : null,
                targetWidth > 0 ? Tensor.real(capacity, targetWidth) : null);
    }

    public Tensor inputs() {
        return inputs;
    }

    public int[] labels() {
        return labels;
    }

    public Tensor targets() {
        return targets;
    }

    public int size() {
        return size;
    }

    public void resize(int n) {
        inputs.rows(n);
        if (targets != null) targets.rows(n);
        size = n;
    }
}
