package dev.pnn.datasets;

/**
 * Resizes an R×C image to S×S by area averaging (a box filter, like PIL's BOX or OpenCV's INTER_AREA). Output
 * pixel (i, j) covers the source rectangle [i·R/S, (i+1)·R/S) × [j·C/S, (j+1)·C/S) and is the mean of the source
 * pixels over it, each weighted by its overlapping area. When S divides R this is the plain mean of R/S × R/S
 * blocks; otherwise boundary pixels are shared fractionally between neighbouring outputs (28 → 10: each output
 * covers 2.8 source pixels per axis). The image mean is preserved exactly. S ≤ R, C (no upsampling).
 */
final class AreaDownsample {
    private final int rows, cols, size;
    private final double[] rowWeights; // size × rows, each row sums to 1
    private final double[] colWeights; // size × cols

    AreaDownsample(int rows, int cols, int size) {
        if (size < 1 || size > rows || size > cols) {
            throw new IllegalArgumentException("size " + size + " must be in 1.." + Math.min(rows, cols));
        }
        this.rows = rows;
        this.cols = cols;
        this.size = size;
        this.rowWeights = weights(rows, size);
        this.colWeights = weights(cols, size);
    }

    /** w[i][r] = |[i·n/s, (i+1)·n/s) ∩ [r, r+1)| / (n/s), computed in integer units of 1/s so it is exact. */
    static double[] weights(int n, int s) {
        double[] w = new double[s * n];
        for (int i = 0; i < s; i++) {
            long lo = (long) i * n, hi = (long) (i + 1) * n; // the output interval, in units of 1/s
            for (int r = 0; r < n; r++) {
                long a = Math.max(lo, (long) r * s), b = Math.min(hi, (long) (r + 1) * s);
                if (b > a) w[i * n + r] = (double) (b - a) / n;
            }
        }
        return w;
    }

    /** Writes the S×S result of the unsigned-byte image at {@code src[srcOff..]} divided by {@code divisor} into dst. */
    void apply(byte[] src, int srcOff, double divisor, double[] dst, int dstOff, double[] scratch) {
        // scratch: size × cols, the rows already averaged
        for (int i = 0; i < size; i++) {
            for (int c = 0; c < cols; c++) scratch[i * cols + c] = 0;
            for (int r = 0; r < rows; r++) {
                double w = rowWeights[i * rows + r];
                if (w == 0) continue;
                int o = srcOff + r * cols;
                for (int c = 0; c < cols; c++) scratch[i * cols + c] += w * (src[o + c] & 0xFF);
            }
        }
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double s = 0;
                for (int c = 0; c < cols; c++) s += colWeights[j * cols + c] * scratch[i * cols + c];
                dst[dstOff + i * size + j] = s / divisor;
            }
        }
    }

    int scratchSize() {
        return size * cols;
    }
}
