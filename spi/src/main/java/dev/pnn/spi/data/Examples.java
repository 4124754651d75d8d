package dev.pnn.spi.data;

/**
 * A set of examples in flat row-major arrays: inputs {@code x} ({@code size × width}), and either class labels
 * (classification, {@code classes > 0}) or real targets ({@code size × targetWidth}, regression).
 */
public record Examples(double[] x, int width, int[] labels, int classes, double[] targets, int targetWidth) {
    public Examples {
        if (labels == null && targets == null) throw new IllegalArgumentException("examples need labels or targets");
    }

    public int size() {
        return width == 0 ? 0 : x.length / width;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Copies rows {@code order[from..to)} into {@code batch} (no allocation). */
    public void fill(int[] order, int from, int to, Batch batch) {
        int n = to - from;
        batch.resize(n);
        double[] bx = batch.inputs().re;
        for (int i = 0; i < n; i++) {
            int r = order[from + i];
            System.arraycopy(x, r * width, bx, i * width, width);
            if (labels != null) batch.labels()[i] = labels[r];
            if (targets != null) System.arraycopy(targets, r * targetWidth, batch.targets().re, i * targetWidth, targetWidth);
        }
    }

    /** A batch buffer able to hold {@code capacity} rows of this set. */
    public Batch newBatch(int capacity) {
        return Batch.allocate(capacity, width, labels != null, targets == null ? 0 : targetWidth);
    }

    /** The subset with the given row indices, in that order. */
    public Examples subset(int[] rows) {
        double[] nx = new double[rows.length * width];
        int[] nl = labels == null ? null : new int[rows.length];
        double[] nt = targets == null ? null : new double[rows.length * targetWidth];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * width, nx, i * width, width);
            if (nl != null) nl[i] = labels[rows[i]];
            if (nt != null) System.arraycopy(targets, rows[i] * targetWidth, nt, i * targetWidth, targetWidth);
        }
        return new Examples(nx, width, nl, classes, nt, targetWidth);
    }
}
