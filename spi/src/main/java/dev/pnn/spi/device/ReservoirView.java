package dev.pnn.spi.device;

import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;

/**
 * {@code pnn.reservoir}: features of a batch from a fixed physical system (reservoir computing, extreme learning
 * machines; ALGORITHMS.md §14). The physical parameters are held where θ puts them and never trained; only a
 * digital readout on top of the features is. Each sample counts one query.
 */
@ViewOf("pnn.reservoir")
public interface ReservoirView extends View {
    /**
     * Measures the activation of node {@code node} (a position in {@code graph().nodes()}, typically the input
     * of the readout layer) for every row of {@code input}; {@code features.rows()} is set to
     * {@code input.rows()}. Does not modify {@code theta} or {@code input}.
     */
    void features(double[] theta, int node, Tensor input, Tensor features);

    /**
     * A reservoir view for a backend that already offers {@link LayersView}: one recorded physical forward pass
     * per batch, of which the requested node's activation is copied out. Not thread-safe (it reuses one tape).
     */
    static ReservoirView over(LayersView layers) {
        return new ReservoirView() {
            private Tape tape;

            @Override
            public void features(double[] theta, int node, Tensor input, Tensor features) {
                if (tape == null || tape.capacity() < input.rows()) tape = layers.newTape(input.rows());
                layers.forwardAll(theta, input, tape);
                features.copyFrom(tape.activation(node));
            }
        };
    }
}
