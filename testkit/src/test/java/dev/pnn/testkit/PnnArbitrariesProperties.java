package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.testkit.broken.ToyBackend;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PnnArbitrariesProperties {
    private static Graph slices(ParamSlice... s) {
        Node x = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(1), List.of(), Loc.NONE);
        Node y = new Node("y", "p", List.of("x"), Map.of(), ValueType.real(1), List.of(s), Loc.NONE);
        return new Graph("g", List.of(x, y), "y", Loc.NONE);
    }

    @Property(tries = 200)
    void parameters_stay_inside_their_slice_domains(@ForAll long seed) {
        Graph g = slices(
                new ParamSlice("y.bounded", 0, 3, List.of(3), null, -1, 1, false, new Init.Uniform(-1, 1)),
                new ParamSlice("y.phases", 3, 2, List.of(2), null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true, new Init.Uniform(0, 1)),
                new ParamSlice("y.positive", 5, 2, List.of(2), null, 0, Double.POSITIVE_INFINITY, false, new Init.Constant(1)),
                new ParamSlice("y.free", 7, 2, List.of(2), null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, new Init.Uniform(-0.1, 0.1)));
        double[] t = PnnArbitraries.drawParameters(g, new Rng(seed));
        assertEquals(9, t.length);
        for (int i = 0; i < 3; i++) assertTrue(t[i] >= -1 + PnnArbitraries.MARGIN && t[i] <= 1 - PnnArbitraries.MARGIN, "" + t[i]);
        for (int i = 3; i < 5; i++) assertTrue(t[i] >= 0 && t[i] < 2 * Math.PI, "" + t[i]);
        for (int i = 5; i < 7; i++) assertTrue(t[i] > 0, "" + t[i]);
        for (int i = 7; i < 9; i++) assertTrue(t[i] >= -0.1 && t[i] <= 0.1, "" + t[i]);
        // same seed, same θ
        assertTrue(java.util.Arrays.equals(t, PnnArbitraries.drawParameters(g, new Rng(seed))));
    }

    @Provide
    Arbitrary<Graph> toyNetworks() {
        return PnnArbitraries.networks(List.of(ToyBackend.squash()));
    }

    @Property(tries = 100)
    void random_networks_are_chains_with_contiguous_slices(@ForAll("toyNetworks") Graph g) {
        assertTrue(g.nodes().size() >= 2 && g.nodes().size() <= 4, g.toString());
        int offset = 0;
        for (ParamSlice s : g.slices()) {
            assertEquals(offset, s.offset(), "slices must follow node order without gaps");
            offset = s.end();
        }
        assertEquals(offset, g.paramCount());
        for (int i = 1; i < g.nodes().size(); i++)
            assertEquals(List.of(g.nodes().get(i - 1).id()), g.nodes().get(i).inputs());
        assertEquals(g.nodes().get(g.nodes().size() - 1).id(), g.output());
    }

    @Property(tries = 100)
    void batches_have_one_to_max_rows_in_the_unit_box(@ForAll("smallBatches") Tensor t) {
        assertTrue(t.rows() >= 1 && t.rows() <= 4);
        for (int i = 0; i < t.rows() * t.width; i++) assertTrue(Math.abs(t.re[i]) <= 1);
    }

    @Provide
    Arbitrary<Tensor> smallBatches() {
        return PnnArbitraries.batches(3, 4);
    }
}
