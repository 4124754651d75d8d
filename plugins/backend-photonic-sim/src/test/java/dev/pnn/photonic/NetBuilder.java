package dev.pnn.photonic;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
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

/**
 * Builds graphs the way the compiler lowers them (defaults filled in, shapes and slices from the block
 * signatures), so backend tests do not depend on the compiler module.
 */
final class NetBuilder {
    private final List<Node> nodes = new ArrayList<>();
    private int offset;
    private String last;

    NetBuilder input(String id, ValueType type) {
        nodes.add(new Node(id, Node.INPUT_OP, List.of(), Map.of(), type, List.of(), Loc.NONE));
        last = id;
        return this;
    }

    /** Adds block {@code op} reading the previous node. */
    NetBuilder then(String id, String op, Object... namedArgs) {
        return add(id, op, List.of(last), namedArgs);
    }

    NetBuilder add(String id, String op, List<String> inputs, Object... namedArgs) {
        BlockType block = PhotonicBlocks.all().stream().filter(b -> b.name().equals(op)).findFirst().orElseThrow();
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (int i = 0; i < namedArgs.length; i += 2) attrs.put((String) namedArgs[i], (Value) namedArgs[i + 1]);
        for (ArgSpec a : block.args()) if (!attrs.containsKey(a.name()) && a.fallback() != null) attrs.put(a.name(), a.fallback());
        List<ValueType> types = inputs.stream().map(in -> type(in)).toList();
        Shaping s = block.shape(types, new Args(op, attrs));
        if (!(s instanceof Shaping.Ok ok)) throw new IllegalArgumentException(((Shaping.Mismatch) s).message());
        List<ParamSlice> slices = new ArrayList<>();
        for (ParamSpec p : ok.params()) {
            slices.add(new ParamSlice(id + "." + p.name(), offset, p.length(), p.shape(), p.unit(), p.lower(), p.upper(),
                    p.periodic(), p.init()));
            offset += p.length();
        }
        nodes.add(new Node(id, op, inputs, attrs, new ValueType(block.output(), ok.width()), slices, Loc.NONE));
        last = id;
        return this;
    }

    ValueType type(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow().type();
    }

    Graph build() {
        return new Graph("Net", nodes, last, Loc.NONE);
    }

    static HardwareProfile ideal() {
        return new HardwareProfile("ideal", PhotonicSimBackend.NAME, Map.of(), Loc.NONE);
    }

    static Device open(Graph graph) {
        return new PhotonicSimBackend(PhotonicSimBackend.BLOCKS).open(new DeviceRequest(graph, ideal(), 7L, v -> List.of()));
    }

    static Value.Num num(double v) {
        return new Value.Num(v);
    }

    static Value.Sym sym(String s) {
        return new Value.Sym(s);
    }
}
