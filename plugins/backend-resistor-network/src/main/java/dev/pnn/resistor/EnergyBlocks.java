package dev.pnn.resistor;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;

import java.util.List;

/**
 * The block signatures of the energy backend, in module {@code physics}: {@code resistor_network} and
 * {@code hopfield}. Each is a whole physical system: real inputs in (source voltages, input currents), real
 * outputs out (equilibrium values of the output units).
 */
final class EnergyBlocks {
    static final String MODULE = "physics";
    static final String RESISTOR = "resistor_network";
    static final String HOPFIELD = "hopfield";

    private EnergyBlocks() {
    }

    static List<BlockType> all() {
        return List.of(resistorNetwork(), hopfield());
    }

    static BlockType resistorNetwork() {
        return new Spec(RESISTOR, List.of(
                ArgSpec.integer("nodes", 16, "free nodes, outputs included (the last 'outputs' of them)"),
                ArgSpec.integer("outputs", 1, "output nodes, read as voltages"),
                ArgSpec.any("element", new Value.Sym("linear"),
                        "fixed element in parallel with every resistor: linear, cubic(c: 0.5) or diode(is: 0.01, vt: 0.1)"),
                ArgSpec.symbol("topology", "dense", List.of("dense", "layered"),
                        "dense: every free-free and free-source pair; layered: sources-hidden-outputs"),
                ArgSpec.bool("bias", true, "add a 1 V rail as an extra source node (ground is always there)"),
                ArgSpec.bool("differential", false,
                        "also hold a source at -x for every input, so positive conductances can act as negative weights")),
                (in, a) -> {
                    int n = in.get(0).width(), free = a.integer("nodes", 16), outputs = a.integer("outputs", 1);
                    if (n < 1) return new Shaping.Mismatch("resistor_network needs at least one input voltage", null);
                    if (outputs < 1) return new Shaping.Mismatch("resistor_network needs outputs >= 1, got " + outputs, "outputs");
                    if (free < outputs)
                        return new Shaping.Mismatch("resistor_network(nodes: " + free + ") cannot hold " + outputs
                                + " output nodes; nodes counts all free nodes including the outputs", "nodes");
                    try {
                        Element.parse(a.get("element").orElse(new Value.Sym("linear")));
                    } catch (IllegalArgumentException e) {
                        return new Shaping.Mismatch(e.getMessage(), "element");
                    }
                    int sources = ResistorModel.sources(n, a.bool("differential", false), a.bool("bias", true));
                    int edges = Topology.of(a.symbol("topology", "dense")).edges(free, outputs, sources).length;
                    return Shaping.Ok.of(outputs, new ParamSpec("conductances", List.of(edges), null,
                            ResistorModel.G_MIN, Double.POSITIVE_INFINITY, false, new Init.Uniform(0.1, 1.0)));
                },
                "resistive network relaxing to minimum co-content; learnable conductances; outputs are node voltages");
    }

    static BlockType hopfield() {
        return new Spec(HOPFIELD, List.of(
                ArgSpec.integer("hidden", 8, "hidden units"),
                ArgSpec.integer("outputs", 2, "output units")),
                (in, a) -> {
                    int n = in.get(0).width(), h = a.integer("hidden", 8), o = a.integer("outputs", 2);
                    if (n < 1) return new Shaping.Mismatch("hopfield needs at least one input", null);
                    if (h < 1) return new Shaping.Mismatch("hopfield needs hidden >= 1, got " + h, "hidden");
                    if (o < 1) return new Shaping.Mismatch("hopfield needs outputs >= 1, got " + o, "outputs");
                    return Shaping.Ok.of(o,
                            ParamSpec.weights("w", List.of(o, h), new Init.Uniform(-0.2, 0.2)),
                            ParamSpec.weights("u", List.of(h, n), new Init.Normal(0, 0.5)),
                            ParamSpec.weights("b", List.of(h + o), new Init.Constant(0)));
                },
                "Hopfield-like continuous network, E = sum(s^2/2 + s^4/4) - o'Wh - h'Ux - s'b; outputs are o at equilibrium");
    }

    private record Spec(String name, List<ArgSpec> args, java.util.function.BiFunction<List<ValueType>, Args, Shaping> shaper,
                        String summary) implements BlockType {
        @Override
        public String module() {
            return MODULE;
        }

        @Override
        public List<Domain> inputs() {
            return List.of(Domain.REAL);
        }

        @Override
        public Domain output() {
            return Domain.REAL;
        }

        @Override
        public Shaping shape(List<ValueType> inputs, Args args) {
            if (inputs.size() != 1)
                return new Shaping.Mismatch(name + " takes one signal input, got " + inputs.size(), null);
            return shaper.apply(inputs, args);
        }
    }
}
