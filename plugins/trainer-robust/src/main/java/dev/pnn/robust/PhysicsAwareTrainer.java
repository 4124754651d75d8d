package dev.pnn.robust;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;

import java.util.Arrays;

/**
 * PAT (ALGORITHMS.md §4): the forward pass runs on the training device (a noisy instance or a real chip) and keeps
 * every node's measured activation; the loss and output error are taken at the measured output; the backward pass
 * goes through the ideal twin's VJPs evaluated at the measured activations ({@link TwinView#backwardAt}). On the
 * ideal device this is exactly in-silico backprop.
 */
final class PhysicsAwareTrainer implements GradientTrainer {
    private final Graph graph;
    private final LayersView physical;
    private final TwinView twin;
    private final Loss loss;
    private final int outputNode;
    private Tape physicalTape;
    private Tape twinTape;
    private Tensor outputGrad;

    PhysicsAwareTrainer(Graph graph, LayersView physical, TwinView twin, Loss loss) {
        this.graph = graph;
        this.physical = physical;
        this.twin = twin;
        this.loss = loss;
        this.outputNode = graph.indexOf(graph.output());
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        int n = batch.size();
        ensureCapacity(n);
        physicalTape.rows(n);
        Tensor measured = physical.forwardAll(theta, batch.inputs(), physicalTape);
        outputGrad.rows(n);
        double value = loss.evaluate(measured, batch, outputGrad);
        twinTape.rows(n);
        for (int i = 0; i < graph.nodes().size(); i++) twinTape.activation(i).copyFrom(physicalTape.activation(i));
        Arrays.fill(grad, 0.0);
        twin.backwardAt(theta, twinTape, outputGrad, grad);
        return value;
    }

    private void ensureCapacity(int rows) {
        if (physicalTape != null && physicalTape.capacity() >= rows) return;
        physicalTape = physical.newTape(rows);
        twinTape = twin.newTape(rows);
        outputGrad = Tensor.of(graph.nodes().get(outputNode).type(), rows);
    }
}
