package dev.pnn.resistor;

import java.util.ArrayList;
import java.util.List;

/**
 * Which node pairs of a resistive network carry a learnable resistor. Deterministic in the block's arguments,
 * so the parameter layout is known at compile time. Source–source pairs never get a resistor (it would only
 * load the sources).
 */
enum Topology {
    /** Every free–free and free–source pair. */
    DENSE,
    /** Sources ↔ hidden nodes ↔ output nodes (all-to-all between consecutive layers); sources ↔ outputs when there are no hidden nodes. */
    LAYERED;

    static Topology of(String name) {
        return valueOf(name.toUpperCase());
    }

    /** Edges (a, b) with a < b in the numbering of {@link ResistorModel}: free nodes first, then sources. */
    int[][] edges(int free, int outputs, int sources) {
        List<int[]> e = new ArrayList<>();
        int hidden = free - outputs;
        if (this == DENSE) {
            for (int a = 0; a < free; a++)
                for (int b = a + 1; b < free + sources; b++) e.add(new int[]{a, b});
        } else if (hidden == 0) {
            for (int o = 0; o < free; o++) for (int s = 0; s < sources; s++) e.add(new int[]{o, free + s});
        } else {
            for (int h = 0; h < hidden; h++) for (int s = 0; s < sources; s++) e.add(new int[]{h, free + s});
            for (int h = 0; h < hidden; h++) for (int o = hidden; o < free; o++) e.add(new int[]{h, o});
        }
        return e.toArray(new int[0][]);
    }
}
