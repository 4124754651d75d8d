package dev.pnn.testkit;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds {@link BlockCase}s straight from {@link BlockType} signatures, without the compiler: node attributes are
 * the given arguments plus declared defaults, parameter slices are named {@code <node>.<param>} and laid out in
 * node order, exactly as the language conventions say.
 */
public final class BlockCases {
    private BlockCases() {
    }

    /**
     * One case per block the backend offers and width in {@code widths} whose shape the block accepts.
     *
     * @param required arguments for a block's required parameters that have no generic value (see
     *                 {@link #build}); return an empty map when there are none
     */
    public static List<BlockCase> forBackend(Backend backend, List<BlockType> types, List<Integer> widths,
                                             Function<String, Map<String, Value>> required) {
        Map<String, BlockType> byName = new LinkedHashMap<>();
        for (BlockType t : types) byName.putIfAbsent(t.name(), t);
        List<BlockCase> out = new ArrayList<>();
        for (int n : widths) {
            for (String name : backend.blocks()) {
                BlockType t = byName.get(name);
                if (t == null) continue;
                build(t, n, required.apply(name), feeders(backend, byName)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Blocks of the backend that map a domain to itself and have parameters with default arguments. */
    private static List<BlockType> feeders(Backend backend, Map<String, BlockType> byName) {
        List<BlockType> out = new ArrayList<>();
        for (String name : backend.blocks()) {
            BlockType t = byName.get(name);
            if (t != null && t.inputs().size() == 1 && t.inputs().get(0).equals(t.output())) out.add(t);
        }
        return out;
    }

    /**
     * The case for block {@code type} on inputs of width {@code n}; empty when the block refuses that width or a
     * required argument has neither a given nor a generic value.
     */
    public static Optional<BlockCase> build(BlockType type, int n, Map<String, Value> given, List<BlockType> feeders) {
        Map<String, Value> attrs = new LinkedHashMap<>(given);
        for (var spec : type.args()) {
            if (attrs.containsKey(spec.name()) || spec.fallback() != null) continue;
            Optional<Value> v = ArgValues.generic(spec, n);
            if (v.isEmpty()) return Optional.empty();
            attrs.put(spec.name(), v.get());
        }
        attrs = ArgValues.withDefaults(type.args(), attrs);
        List<Node> nodes = new ArrayList<>();
        List<String> blockInputs = new ArrayList<>();
        int offset = 0;
        boolean parametric = shapeOf(type, n, attrs).map(ok -> !ok.params().isEmpty()).orElse(false);
        for (int j = 0; j < type.inputs().size(); j++) {
            Domain d = type.inputs().get(j);
            String id = "x" + j;
            nodes.add(new Node(id, Node.INPUT_OP, List.of(), Map.of(), new ValueType(d, n), List.of(), Loc.NONE));
            if (!parametric) {
                Optional<Node> feeder = feeder(feeders, type, d, n, id, "f" + j, offset);
                if (feeder.isPresent()) {
                    nodes.add(feeder.get());
                    offset += feeder.get().paramCount();
                    id = feeder.get().id();
                }
            }
            blockInputs.add(id);
        }
        Optional<Node> node = node(type, "y", blockInputs, attrs, n, offset);
        if (node.isEmpty()) return Optional.empty();
        nodes.add(node.get());
        Graph g = new Graph("contract_" + type.name(), nodes, "y", Loc.NONE);
        String feeding = nodes.size() > type.inputs().size() + 1 ? " (fed by "
                + String.join(", ", nodes.stream().filter(x -> !x.isInput() && !x.id().equals("y")).map(Node::op).toList()) + ")" : "";
        return Optional.of(new BlockCase(type.name(), g, type.name() + attrsText(given) + " on "
                + new ValueType(type.inputs().isEmpty() ? Domain.REAL : type.inputs().get(0), n) + feeding));
    }

    private static String attrsText(Map<String, Value> given) {
        if (given.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("(");
        given.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(v));
        return sb.append(')').toString();
    }

    private static Optional<Node> feeder(List<BlockType> feeders, BlockType under, Domain d, int n, String input,
                                         String id, int offset) {
        for (BlockType f : feeders) {
            if (f.name().equals(under.name()) || !f.output().equals(d)) continue;
            if (f.args().stream().anyMatch(a -> a.fallback() == null)) continue;
            Map<String, Value> attrs = ArgValues.withDefaults(f.args(), Map.of());
            Optional<Node> node = node(f, id, List.of(input), attrs, n, offset);
            if (node.isPresent() && node.get().paramCount() > 0 && node.get().type().width() == n) return node;
        }
        return Optional.empty();
    }

    private static Optional<Shaping.Ok> shapeOf(BlockType type, int n, Map<String, Value> attrs) {
        List<ValueType> in = type.inputs().stream().map(d -> new ValueType(d, n)).toList();
        try {
            Shaping s = type.shape(in, new dev.pnn.spi.ir.Args(type.name(), attrs));
            return s instanceof Shaping.Ok ok ? Optional.of(ok) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Node> node(BlockType type, String id, List<String> inputs, Map<String, Value> attrs, int n,
                                       int offset) {
        Optional<Shaping.Ok> ok = shapeOf(type, n, attrs);
        if (ok.isEmpty()) return Optional.empty();
        List<ParamSlice> slices = new ArrayList<>();
        int off = offset;
        for (ParamSpec p : ok.get().params()) {
            slices.add(new ParamSlice(id + "." + p.name(), off, p.length(), p.shape(), p.unit(), p.lower(), p.upper(),
                    p.periodic(), p.init()));
            off += p.length();
        }
        return Optional.of(new Node(id, type.name(), inputs, attrs, new ValueType(type.output(), ok.get().width()),
                slices, Loc.NONE));
    }
}
