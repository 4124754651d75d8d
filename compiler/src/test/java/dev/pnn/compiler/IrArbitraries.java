package dev.pnn.compiler;

import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Map;

/**
 * Random IR programs, including the awkward corners: names that need quoting (keywords, {@code true}, spaces,
 * backticks), strings with escapes and control characters, −0.0, NaN, ±∞, subnormals, unusual domains, empty maps.
 */
final class IrArbitraries {
    private IrArbitraries() {
    }

    static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(6)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("logits/take", "logits/take#2", "mixed.phases", "tt-zo", "x1")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("true", "false", "inf", "nan", "graph", "node", "output", "param", "unit",
                        "periodic", "loc", "none", "network", "")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("a `\\\n\"'-.#:@é").ofMaxLength(5)));
    }

    static Arbitrary<String> strings() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\n\t\r\u0001\u007fé∞\"\\").ofMaxLength(8);
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.doubles()),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(-100000, 100000).map(i -> (double) i)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e15, 1e16, 0.1, 1e-7, 2 * Math.PI)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)));
    }

    static Arbitrary<Value> values(int depth) {
        Arbitrary<Value> num = Combinators.combine(doubles(), Arbitraries.of(Unit.values()).injectNull(0.5)).as(Value.Num::new);
        Arbitrary<Value> leaves = Arbitraries.oneOf(
                num,
                strings().map(Value.Str::new),
                names().map(Value.Sym::new),
                Arbitraries.of(true, false).map(Value.Bool::new),
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Value.Range::new));
        if (depth == 0) return leaves;
        Arbitrary<Value> inner = values(depth - 1);
        Arbitrary<Value> list = inner.list().ofMaxSize(3).map(Value.ListV::new);
        Arbitrary<Value> call = Combinators.combine(names(), inner.list().ofMaxSize(2), Arbitraries.maps(names(), inner).ofMaxSize(2))
                .as(Value.Call::new);
        Arbitrary<Value> op = Combinators.combine(Arbitraries.of("+", "-", "*", "/", "^"), inner.list().ofMinSize(2).ofMaxSize(3))
                .as(Value.Op::new);
        Arbitrary<Value> neg = inner.map(v -> new Value.Op("neg", List.of(v)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaves), net.jqwik.api.Tuple.of(1, list),
                net.jqwik.api.Tuple.of(2, call), net.jqwik.api.Tuple.of(1, op), net.jqwik.api.Tuple.of(1, neg));
    }

    static Arbitrary<Map<String, Value>> valueMaps() {
        return Arbitraries.maps(names(), values(2)).ofMaxSize(3);
    }

    static Arbitrary<Loc> locs() {
        return Arbitraries.oneOf(Arbitraries.just(Loc.NONE),
                Combinators.combine(strings(), Arbitraries.integers(), Arbitraries.integers()).as(Loc::new));
    }

    static Arbitrary<Init> inits() {
        Arbitrary<Init> uniform = Combinators.combine(doubles(), doubles()).as((a, b) -> new Init.Uniform(a, b));
        Arbitrary<Init> normal = Combinators.combine(doubles(), doubles()).as((a, b) -> new Init.Normal(a, b));
        Arbitrary<Init> constant = doubles().map(Init.Constant::new);
        return Arbitraries.oneOf(uniform, normal, constant).injectNull(0.1);
    }

    static Arbitrary<ParamSlice> slices() {
        Arbitrary<Integer> nat = Arbitraries.integers().between(0, 1 << 24);
        return Combinators.combine(names(), nat, nat, Arbitraries.integers().between(0, 4096).list().ofMaxSize(3),
                        Arbitraries.of(Unit.values()).injectNull(0.5), doubles(), doubles(), Arbitraries.of(true, false))
                .flatAs((name, off, len, shape, unit, lo, hi, periodic) ->
                        inits().map(init -> new ParamSlice(name, off, len, shape, unit, lo, hi, periodic, init)));
    }

    static Arbitrary<ValueType> types() {
        Arbitrary<Domain> domains = Arbitraries.oneOf(Arbitraries.of(Domain.REAL, Domain.FIELD),
                Combinators.combine(names(), Arbitraries.of(true, false)).as(Domain::new));
        return Combinators.combine(domains, Arbitraries.integers().between(0, 1 << 20)).as(ValueType::new);
    }

    static Arbitrary<Node> nodes() {
        return Combinators.combine(names(), names(), names().list().ofMaxSize(2), valueMaps(), types(), slices().list().ofMaxSize(2), locs())
                .as(Node::new);
    }

    static Arbitrary<Graph> graphs() {
        return Combinators.combine(names(), nodes().list().ofMaxSize(3), names(), locs()).as(Graph::new);
    }

    static Arbitrary<HardwareProfile> profiles() {
        return Combinators.combine(names(), names(), valueMaps(), locs()).as(HardwareProfile::new);
    }

    static Arbitrary<TrainingPlan> plans() {
        return Combinators.combine(names(), names(), valueMaps(), Arbitraries.maps(names(), locs()).ofMaxSize(3), locs()).as(TrainingPlan::new);
    }

    static Arbitrary<Program> programs() {
        return Combinators.combine(graphs().list().ofMaxSize(2), profiles().list().ofMaxSize(2), plans().list().ofMaxSize(2)).as(Program::new);
    }
}
