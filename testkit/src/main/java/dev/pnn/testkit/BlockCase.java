package dev.pnn.testkit;

import dev.pnn.spi.ir.Graph;

/**
 * A small graph that exercises one block of a backend: inputs, when the block has no parameters a parametric
 * "feeder" block of the same domain in front of it (so the θ-gradient also checks the block's input VJP), and the
 * block itself as the output.
 *
 * @param block       the block under test
 * @param graph       the graph, nodes in topological order, parameter slices laid out as the compiler would
 * @param description one line for failure messages, e.g. {@code clements on field[3]}
 */
public record BlockCase(String block, Graph graph, String description) {
    public int inputWidth() {
        return graph.inputs().stream().mapToInt(n -> n.type().width()).sum();
    }

    @Override
    public String toString() {
        return description;
    }
}
