package dev.pnn.spi.exec;

import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;

/**
 * The activations of every node of a graph for one batch, plus each kernel's scratch, so a backward pass can
 * follow a forward pass. Allocated once per maximal batch size and reused.
 */
public final class Tape {
    private final Graph graph;
    private final Tensor[] activations;
    private final Tensor[] gradients;
    private final Object[] scratch;
    private final int capacity;
    private int rows;

    public Tape(Graph graph, int capacity, Object[] scratch) {
        this.graph = graph;
        this.capacity = capacity;
        int n = graph.nodes().size();
        this.activations = new Tensor[n];
        this.gradients = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Node node = graph.nodes().get(i);
            activations[i] = Tensor.of(node.type(), capacity);
            gradients[i] = Tensor.of(node.type(), capacity);
        }
        this.scratch = scratch.clone();
    }

    public Graph graph() {
        return graph;
    }

    public int capacity() {
        return capacity;
    }

    public int rows() {
        return rows;
    }

    public void rows(int n) {
        if (n > capacity) throw new IllegalArgumentException("batch " + n + " exceeds tape capacity " + capacity);
        rows = n;
        for (Tensor t : activations) t.rows(n);
        for (Tensor t : gradients) t.rows(n);
    }

    public Tensor activation(int node) {
        return activations[node];
    }

    /** Gradient buffer of a node, used by backward passes. */
    public Tensor gradient(int node) {
        return gradients[node];
    }

    public Object scratch(int node) {
        return scratch[node];
    }

    public Tensor output() {
        return activations[graph.indexOf(graph.output())];
    }
}
