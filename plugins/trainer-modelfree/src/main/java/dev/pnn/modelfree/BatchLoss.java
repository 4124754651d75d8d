package dev.pnn.modelfree;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.train.Loss;

/**
 * The training loss of one batch as a function of θ, measured on the device: one evaluation runs the whole batch
 * forward through the hardware (batch-size queries, counted by the device) and scores the outputs. Perturbative
 * trainers know nothing else about the device.
 */
final class BatchLoss implements Objective {
    private final ForwardView forward;
    private final Loss loss;
    private final ValueType outputType;
    private Tensor output;
    private Batch batch;

    BatchLoss(ForwardView forward, Loss loss, ValueType outputType) {
        this.forward = forward;
        this.loss = loss;
        this.outputType = outputType;
        this.output = Tensor.of(outputType, 1);
    }

    /** Points this objective at a batch (no copy); later {@link #value} calls score that batch. */
    BatchLoss on(Batch b) {
        this.batch = b;
        if (output.capacity() < b.size()) output = Tensor.of(outputType, b.size());
        return this;
    }

    @Override
    public double value(double[] theta) {
        output.rows(batch.size());
        forward.forward(theta, batch.inputs(), output);
        return loss.evaluate(output, batch, null);
    }

    /** Doubles held by the output buffer, for memory reports. */
    long storedDoubles() {
        return (long) output.re.length + (output.im == null ? 0 : output.im.length);
    }
}
