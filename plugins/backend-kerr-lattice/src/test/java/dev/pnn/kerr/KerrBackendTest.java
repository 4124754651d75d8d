package dev.pnn.kerr;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** kerr_sim runs one lattice fed by the input; anything else is refused with how to write it. */
class KerrBackendTest {
    @Test
    void aNetworkOfTwoBlocksIsRefusedWithTheFormToWrite() {
        Graph one = KerrLatticeProperties.chain(6, 6, 6);
        Node block = one.nodes().stream().filter(n -> !n.isInput()).findFirst().orElseThrow();
        List<Node> nodes = new ArrayList<>(one.nodes());
        nodes.add(new Node("y2", block.op(), List.of(block.id()), block.attrs(), block.type(), List.of(), block.loc()));
        Graph two = new Graph(one.name(), nodes, "y2", one.loc());
        PnnException e = assertThrows(PnnException.class, () -> TestGraphs.open(two));
        assertTrue(e.getMessage().startsWith("network " + one.name() + " must be a single kerr_lattice block fed by the input"),
                e.getMessage());
        assertTrue(e.hint().contains("output y = kerr_lattice(x, ...)"), e.hint());
        assertNotNull(TestGraphs.open(one), "the single lattice opens");
    }
}
