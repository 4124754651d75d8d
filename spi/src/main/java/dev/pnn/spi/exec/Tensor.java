package dev.pnn.spi.exec;

import dev.pnn.spi.ir.ValueType;

import java.util.Arrays;

/**
 * A batch of signals, {@code rows × width}, row-major in flat arrays; complex domains keep the imaginary part in
 * {@link #im} (null for real domains). Tensors are allocated once per maximal batch and reused: {@link #rows}
 * may be less than the capacity, so hot loops never allocate per sample.
 */
public final class Tensor {
    public final int width;
    public final double[] re;
    public final double[] im;
    private int rows;

    public Tensor(int capacityRows, int width, boolean complex) {
        this.width = width;
        this.re = new double[capacityRows * width];
        this.im = complex ? new double[capacityRows * width] : null;
        this.rows = capacityRows;
    }

    public static Tensor real(int rows, int width) {
        return new Tensor(rows, width, false);
    }

    public static Tensor complex(int rows, int width) {
        return new Tensor(rows, width, true);
    }

    public static Tensor of(ValueType type, int rows) {
        return new Tensor(rows, type.width(), type.domain().complex());
    }

    /** Wraps existing row-major data (no copy). */
    public static Tensor wrap(double[] re, double[] im, int rows, int width) {
        return new Tensor(re, im, rows, width);
    }

    private Tensor(double[] re, double[] im, int rows, int width) {
        if (re.length < rows * width || (im != null && im.length < rows * width))
            throw new IllegalArgumentException("arrays too short for " + rows + "x" + width);
        this.re = re;
        this.im = im;
        this.rows = rows;
        this.width = width;
    }

    public int rows() {
        return rows;
    }

    public int capacity() {
        return width == 0 ? Integer.MAX_VALUE : re.length / width;
    }

    /** Sets the number of live rows (≤ capacity). */
    public Tensor rows(int n) {
        if (n > capacity()) throw new IllegalArgumentException("batch " + n + " exceeds capacity " + capacity());
        this.rows = n;
        return this;
    }

    public boolean isComplex() {
        return im != null;
    }

    public double get(int row, int col) {
        return re[row * width + col];
    }

    public void zero() {
        Arrays.fill(re, 0, rows * width, 0.0);
        if (im != null) Arrays.fill(im, 0, rows * width, 0.0);
    }

    public void copyFrom(Tensor src) {
        if (src.width != width || src.isComplex() != isComplex())
            throw new IllegalArgumentException("shape mismatch in copy");
        rows(src.rows);
        System.arraycopy(src.re, 0, re, 0, rows * width);
        if (im != null) System.arraycopy(src.im, 0, im, 0, rows * width);
    }

    public Tensor copy() {
        Tensor t = new Tensor(Math.max(rows, 1), width, isComplex());
        t.copyFrom(this);
        return t;
    }
}
