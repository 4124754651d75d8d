package dev.pnn.spi.device;

import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;

/**
 * {@code pnn.twin}: a differentiable digital model of the device. Record a forward pass on a tape, then pull
 * gradients back through it. Also offers per-node VJPs at externally supplied activations, which is what
 * physics-aware training needs (backward through the model at the <em>measured</em> activations).
 */
@ViewOf("pnn.twin")
public interface TwinView extends View {
    Tape newTape(int maxRows);

    /** Forward pass recording every node's activation on {@code tape}; returns the output activation. */
    Tensor forward(double[] theta, Tensor input, Tape tape);

    /**
     * Backward from ∂L/∂output; <em>adds</em> ∂L/∂θ into {@code thetaGrad}. The tape must hold the matching
     * forward pass.
     */
    void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad);

    /**
     * Backward given every node's activation already on {@code tape} (e.g. copied there from a physical
     * measurement): each node's VJP is evaluated at its recorded inputs. Kernels that need internal
     * intermediates recompute them from the recorded inputs first ([choice] of ALGORITHMS.md §4).
     */
    void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad);
}
