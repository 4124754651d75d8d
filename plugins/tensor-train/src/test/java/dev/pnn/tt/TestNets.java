package dev.pnn.tt;

import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small IR graphs by hand (what the compiler would lower), for tests without the compiler. */
final class TestNets {
    private final List<Node> nodes = new ArrayList<>();
    private int offset;
    private String last;
    private int width;

    static TestNets input(int d) {
        TestNets t = new TestNets();
        t.nodes.add(new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(d), List.of(), Loc.NONE));
        t.last = "x";
        t.width = d;
        return t;
    }

    private ParamSlice slice(String id, String name, List<Integer> shape, Init init) {
        int len = 1;
        for (int s : shape) len *= s;
        ParamSlice p = new ParamSlice(id + "." + name, offset, len, shape, null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, init);
        offset += len;
        return p;
    }

    TestNets linear(String id, int out) {
        List<ParamSlice> ps = List.of(slice(id, "weight", List.of(out, width), new Init.Normal(0, Math.sqrt(1.0 / width))),
                slice(id, "bias", List.of(out), new Init.Constant(0)));
        Map<String, Value> attrs = new LinkedHashMap<>();
        attrs.put("out", new Value.Num(out));
        attrs.put("bias", new Value.Bool(true));
        return add(new Node(id, "linear", List.of(last), attrs, ValueType.real(out), ps, Loc.NONE), out);
    }

    TestNets act(String id, String op) {
        return add(new Node(id, op, List.of(last), Map.of(), ValueType.real(width), List.of(), Loc.NONE), width);
    }

    TestNets tt(String id, int[] ms, int[] ns, int[] ranks) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        attrs.put("ms", list(ms));
        attrs.put("ns", list(ns));
        attrs.put("ranks", list(ranks));
        attrs.put("bias", new Value.Bool(true));
        var shaping = (dev.pnn.spi.block.Shaping.Ok) new TtLinearBlock().shape(List.of(ValueType.real(width)), new Args("tt_linear", attrs));
        List<ParamSlice> ps = new ArrayList<>();
        for (ParamSpec spec : shaping.params()) ps.add(slice(id, spec.name(), spec.shape(), spec.init()));
        return add(new Node(id, TtLinearBlock.NAME, List.of(last), attrs, ValueType.real(shaping.width()), ps, Loc.NONE), shaping.width());
    }

    private static Value.ListV list(int[] v) {
        List<Value> items = new ArrayList<>();
        for (int x : v) items.add(new Value.Num(x));
        return new Value.ListV(items);
    }

    private TestNets add(Node n, int w) {
        nodes.add(n);
        last = n.id();
        width = w;
        return this;
    }

    Graph graph() {
        return new Graph("Net", nodes, last, Loc.NONE);
    }

    /** The small PINN used across tests: 2 → 8 → tanh → tt(8x8, [2,4]x[2,4], rank 3) → tanh → 1. */
    static Graph pinnNet() {
        return input(2).linear("h1", 8).act("a1", "tanh").tt("h2", new int[]{2, 4}, new int[]{2, 4}, new int[]{1, 3, 1})
                .act("a2", "tanh").linear("v", 1).graph();
    }

    /** θ drawn from each slice's init (normal std, constants), with nonzero biases so every path is exercised. */
    static double[] theta(Graph g, long seed) {
        Rng rng = new Rng(seed);
        double[] th = new double[g.paramCount()];
        for (ParamSlice s : g.slices())
            for (int i = s.offset(); i < s.end(); i++)
                th[i] = s.init() instanceof Init.Normal n ? n.std() * rng.nextGaussian() : 0.3 * rng.nextGaussian();
        return th;
    }
}
