package dev.pnn.tt;

/**
 * One block of a network as the tensor-train backend runs it, on batches of jets ({@link JetLayout}). Forward
 * writes {@code out}; backward <em>adds</em> ∂L/∂θ into {@code thetaGrad} and <em>writes</em> ∂L/∂in into
 * {@code inGrad} (when non-null). Arrays are rows × width, row-major.
 */
sealed interface JetLayer permits DenseLayer, TtLayer, BiasLayer, ActivationLayer {
    int inWidth();

    int outWidth();

    void forward(double[] theta, double[] in, double[] out, int rows, JetLayout layout);

    void backward(double[] theta, double[] in, double[] out, double[] outGrad, double[] inGrad, double[] thetaGrad,
                  int rows, JetLayout layout);
}
