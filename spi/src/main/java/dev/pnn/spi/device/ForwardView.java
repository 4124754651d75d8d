package dev.pnn.spi.device;

import dev.pnn.spi.exec.Tensor;

/** {@code pnn.forward}: run inputs through the hardware and measure outputs. Each sample counts one query. */
@ViewOf("pnn.forward")
public interface ForwardView extends View {
    /** {@code output.rows()} is set to {@code input.rows()}. Does not modify {@code theta} or {@code input}. */
    void forward(double[] theta, Tensor input, Tensor output);
}
