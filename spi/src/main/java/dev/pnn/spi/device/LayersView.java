package dev.pnn.spi.device;

import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;

/**
 * {@code pnn.layers}: per-block physical activations. A forward pass that keeps every node's measured output,
 * and running one block on a chosen input. Node indices are positions in {@code graph().nodes()}.
 */
@ViewOf("pnn.layers")
public interface LayersView extends View {
    Tape newTape(int maxRows);

    /** Physical forward pass keeping every node's measured activation on the tape (counts queries). */
    Tensor forwardAll(double[] theta, Tensor input, Tape tape);

    /** Runs node {@code node} alone on {@code inputs}, writing {@code out} (counts queries). */
    void runNode(int node, double[] theta, Tensor[] inputs, Tensor out);
}
