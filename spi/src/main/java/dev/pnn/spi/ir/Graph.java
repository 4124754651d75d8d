package dev.pnn.spi.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network: nodes in topological order (ties by source order), with one flat parameter vector of
 * {@link #paramCount()} doubles whose slices the nodes own. {@code output} names the node read as the
 * network's output.
 */
public record Graph(String name, List<Node> nodes, String output, Loc loc) {
    public Graph {
        nodes = List.copyOf(nodes);
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public int indexOf(String id) {
        for (int i = 0; i < nodes.size(); i++) if (nodes.get(i).id().equals(id)) return i;
        return -1;
    }

    public List<Node> inputs() {
        return nodes.stream().filter(Node::isInput).toList();
    }

    public Node outputNode() {
        return node(output).orElseThrow(() -> new IllegalStateException("graph " + name + " has no node " + output));
    }

    public List<ParamSlice> slices() {
        List<ParamSlice> all = new ArrayList<>();
        for (Node n : nodes) all.addAll(n.params());
        return all;
    }

    public int paramCount() {
        return nodes.stream().mapToInt(Node::paramCount).sum();
    }

    public Optional<ParamSlice> slice(String name) {
        return slices().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
