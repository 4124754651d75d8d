package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * jqwik arbitraries for small random networks, parameter vectors and batches (ALGORITHMS.md §3: ≤ 6 modes,
 * ≤ 3 layers, batch ≤ 4, parameters uniform in each slice's domain). The {@code draw*} methods give the same
 * values from a seeded {@link Rng}, which is how contracts keep a counterexample down to one shrinkable seed.
 */
public final class PnnArbitraries {
    /** Distance kept from the edges of bounded slices (§3 keeps 1e-3 from non-smooth points). */
    public static final double MARGIN = 1e-3;

    private PnnArbitraries() {
    }

    /** θ for {@code graph}, each slice drawn from its domain (see {@link #drawParameters}). */
    public static Arbitrary<double[]> parameters(Graph graph) {
        return Arbitraries.longs().map(seed -> drawParameters(graph, new Rng(seed)));
    }

    /**
     * θ with every slice drawn from its domain: periodic slices uniform in [0, 2π); slices bounded on both sides
     * uniform in [lower + 1e-3, upper − 1e-3]; one-sided slices within 1 of their bound (inside); unbounded
     * slices from their {@link Init} (a constant initializer gets ±0.5 around it so gradients see variety).
     */
    public static double[] drawParameters(Graph graph, Rng rng) {
        double[] theta = new double[graph.paramCount()];
        for (ParamSlice s : graph.slices()) {
            for (int i = s.offset(); i < s.end(); i++) theta[i] = drawComponent(s, rng);
        }
        return theta;
    }

    private static double drawComponent(ParamSlice s, Rng rng) {
        double u = rng.nextDouble();
        if (s.periodic()) return 2 * Math.PI * u;
        boolean lo = Double.isFinite(s.lower()), hi = Double.isFinite(s.upper());
        if (lo && hi) {
            double span = s.upper() - s.lower();
            double m = Math.min(MARGIN * Math.max(1, span), span / 4);
            return s.lower() + m + (span - 2 * m) * u;
        }
        if (lo) return s.lower() + MARGIN + u;
        if (hi) return s.upper() - MARGIN - u;
        Init init = s.init();
        if (init instanceof Init.Uniform un) return un.low() + (un.high() - un.low()) * u;
        if (init instanceof Init.Normal nm) return nm.mean() + nm.std() * rng.nextGaussian();
        if (init instanceof Init.Constant c) return c.value() + (u - 0.5);
        return 2 * u - 1;
    }

    /** Real batches of {@code width} columns and 1..maxRows rows, entries uniform in [-1, 1]. */
    public static Arbitrary<Tensor> batches(int width, int maxRows) {
        return Combinators.combine(Arbitraries.integers().between(1, maxRows), Arbitraries.longs())
                .as((rows, seed) -> drawBatch(width, rows, new Rng(seed)));
    }

    public static Tensor drawBatch(int width, int rows, Rng rng) {
        Tensor t = Tensor.real(rows, width);
        for (int i = 0; i < rows * width; i++) t.re[i] = 2 * rng.nextDouble() - 1;
        return t;
    }

    /**
     * Small random networks: an input {@code real[n]} (n ≤ 4) followed by 1..3 blocks drawn from {@code types}
     * that map real signals to real signals and accept the current width with default or generic arguments.
     * Shrinks toward fewer, earlier-listed blocks on narrower inputs.
     */
    public static Arbitrary<Graph> networks(List<BlockType> types) {
        return networks(types, name -> Map.of());
    }

    /** As {@link #networks(List)}, with arguments for each block by name (required ones, or smaller sizes). */
    public static Arbitrary<Graph> networks(List<BlockType> types, java.util.function.Function<String, Map<String, Value>> args) {
        List<BlockType> real = types.stream()
                .filter(t -> t.inputs().equals(List.of(Domain.REAL)) && t.output().equals(Domain.REAL)).toList();
        if (real.isEmpty()) throw new IllegalArgumentException("no block maps real[n] to real[m] among " + types);
        return Combinators.combine(Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, real.size() - 1).list().ofMinSize(1).ofMaxSize(3))
                .as((n, picks) -> chain(real, n, picks, args))
                .filter(Optional::isPresent).map(Optional::get);
    }

    /** The chain of {@code picks} (indices into {@code types}) on an input of width {@code n}, if every block accepts its input. */
    public static Optional<Graph> chain(List<BlockType> types, int n, List<Integer> picks,
                                        java.util.function.Function<String, Map<String, Value>> args) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(n), List.of(), Loc.NONE));
        String prev = "x";
        int width = n, offset = 0;
        for (int k = 0; k < picks.size(); k++) {
            BlockType t = types.get(picks.get(k));
            Optional<BlockCase> one = BlockCases.build(t, width, args.apply(t.name()), List.of());
            if (one.isEmpty()) return Optional.empty();
            Node proto = one.get().graph().node("y").orElseThrow();
            String id = "h" + k;
            List<ParamSlice> slices = new ArrayList<>();
            for (ParamSlice s : proto.params()) {
                slices.add(new ParamSlice(id + s.name().substring(1), offset, s.length(), s.shape(), s.unit(), s.lower(),
                        s.upper(), s.periodic(), s.init()));
                offset += s.length();
            }
            nodes.add(new Node(id, t.name(), List.of(prev), proto.attrs(), proto.type(), slices, Loc.NONE));
            prev = id;
            width = proto.type().width();
        }
        return Optional.of(new Graph("random_net", nodes, prev, Loc.NONE));
    }
}
