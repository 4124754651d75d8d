package dev.pnn.spi.exec;

/**
 * How one block computes on one backend, for a whole batch. A kernel is built for one graph node and knows its
 * own parameter offset in θ. Kernels must not allocate per sample and must not modify their inputs.
 */
public interface Kernel {
    /**
     * Computes {@code out} from {@code in}; may record what {@link #backward} needs in {@code scratch}
     * (created by {@link #newScratch}).
     */
    void forward(double[] theta, Tensor[] in, Tensor out, Object scratch);

    /**
     * Vector–Jacobian product: given ∂L/∂out in {@code outGrad} (ū convention for complex signals, ALGORITHMS.md
     * §1), <em>adds</em> ∂L/∂θ into {@code thetaGrad} and <em>writes</em> ∂L/∂in into {@code inGrad[i]} (entries
     * may be null when that gradient is not needed). {@code in} and {@code out} are the values from forward.
     */
    void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                  Object scratch);

    /** Per-tape working memory sized for {@code maxRows}; null when none is needed. */
    default Object newScratch(int maxRows) {
        return null;
    }
}
