package dev.pnn.kerr;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.OneBlockGraph;

import java.util.Map;

/** Builds what the compiler would: a graph input → one block, placed in θ, and opens it on kerr_sim. */
final class TestGraphs {
    private TestGraphs() {
    }

    static Graph single(BlockType block, int inputWidth, Map<String, Value> attrs) {
        return OneBlockGraph.of(block, inputWidth, attrs);
    }

    static Device open(Graph g) {
        return new KerrBackend().open(OneBlockGraph.idealRequest(g, KerrBackend.NAME));
    }

    static double[] init(Graph g, long seed) {
        return OneBlockGraph.initialTheta(g, seed);
    }

    static Value.Num num(double v) {
        return new Value.Num(v);
    }
}
