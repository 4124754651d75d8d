package dev.pnn.resistor;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.OneBlockGraph;

import java.util.Map;

/** Builds what the compiler would: a graph input → one block, placed in θ, and opens it on energy_sim. */
final class TestGraphs {
    private TestGraphs() {
    }

    static Graph single(BlockType block, int inputWidth, Map<String, Value> attrs) {
        return OneBlockGraph.of(block, inputWidth, attrs);
    }

    static EnergyDevice open(Graph g) {
        return (EnergyDevice) new EnergySimBackend().open(OneBlockGraph.idealRequest(g, EnergySimBackend.NAME));
    }

    static double[] init(Graph g, long seed) {
        return OneBlockGraph.initialTheta(g, seed);
    }

    static Value.Num num(double v) {
        return new Value.Num(v);
    }
}
