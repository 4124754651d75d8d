package dev.pnn.backprop;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Forward on the twin's tape, loss gradient at the output, backward through the tape. The tape and the
 * output-gradient buffer are allocated once per batch capacity and reused for every later batch that fits.
 */
final class BackpropTrainer implements GradientTrainer {
    private final TwinView twin;
    private final Loss loss;
    private final int outputWidth;
    private final LongConsumer storedDoubles;
    private Tape tape;
    private Tensor outputGrad;

    BackpropTrainer(TwinView twin, Loss loss, int outputWidth, LongConsumer storedDoubles) {
        this.twin = twin;
        this.loss = loss;
        this.outputWidth = outputWidth;
        this.storedDoubles = storedDoubles;
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        int rows = batch.size();
        ensureCapacity(Math.max(rows, batch.inputs().capacity()));
        Arrays.fill(grad, 0.0);
        Tensor out = twin.forward(theta, batch.inputs(), tape);
        outputGrad.rows(rows);
        double l = loss.evaluate(out, batch, outputGrad);
        twin.backward(theta, tape, outputGrad, grad);
        return l;
    }

    private void ensureCapacity(int capacity) {
        if (tape != null && tape.capacity() >= capacity) return;
        tape = twin.newTape(capacity);
        outputGrad = Tensor.real(capacity, outputWidth);
        storedDoubles.accept(storedDoubles(tape) + (long) capacity * outputWidth);
    }

    /** Activations and gradient buffers held by the tape: what reverse mode must store (ALGORITHMS.md §13). */
    private static long storedDoubles(Tape tape) {
        long n = 0;
        for (int i = 0; i < tape.graph().nodes().size(); i++) {
            n += size(tape.activation(i)) + size(tape.gradient(i));
        }
        return n;
    }

    private static long size(Tensor t) {
        return (long) t.re.length + (t.im == null ? 0 : t.im.length);
    }
}
