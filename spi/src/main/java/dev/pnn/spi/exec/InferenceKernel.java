package dev.pnn.spi.exec;

/**
 * A kernel with a faster path for passes that no backward pass will follow (evaluation, physical queries):
 * e.g. an MZI mesh composed into one matrix while its phases stay fixed. {@link KernelDevice} calls
 * {@link #infer} from its forward and layers views and {@link #forward} only when recording for a backward pass.
 * Both must compute the same function (up to rounding).
 */
public interface InferenceKernel extends Kernel {
    /** Computes {@code out} from {@code in} like {@link #forward}, without recording anything for backward. */
    void infer(double[] theta, Tensor[] in, Tensor out, Object scratch);
}
