package dev.pnn.bench;

import dev.pnn.photonic.PhotonicSimPlugin;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
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
 * The network of {@code samples/mzi_digits.pnn} (modulate amplitude → clements 64 → photodetect → take 0..9 →
 * gain), lowered by hand through the plugin's public block signatures so the benchmarks need no compiler.
 */
final class SampleNetwork {
    private static final PnnPlugin PLUGIN = new PhotonicSimPlugin();

    private SampleNetwork() {
    }

    static Graph mziDigits(int modes) {
        Lowering l = new Lowering().input("pixels", ValueType.real(modes));
        l.then("signal", "modulate", Map.of("mode", new Value.Sym("amplitude")));
        l.then("mixed", "clements", Map.of("modes", new Value.Num(modes)));
        l.then("power", "photodetect", Map.of());
        l.then("logits/take", "take", Map.of("indices", new Value.Range(0, 9)));
        l.then("logits", "gain", Map.of("init", new Value.Num(10)));
        return l.build("MziDigits");
    }

    /** Just the mesh: field[n] → clements → field[n]. */
    static Graph mesh(int modes) {
        Lowering l = new Lowering().input("x", ValueType.field(modes));
        l.then("mixed", "clements", Map.of("modes", new Value.Num(modes)));
        return l.build("Mesh");
    }

    static Device open(Graph g) {
        Backend b = PLUGIN.backends().get(0);
        HardwareProfile ideal = new HardwareProfile("ideal", b.name(), Map.of(), Loc.NONE);
        return b.open(new DeviceRequest(g, ideal, 0L, v -> List.of()));
    }

    static double[] initialTheta(Graph g, long seed) {
        Rng r = new Rng(seed);
        double[] t = new double[g.paramCount()];
        for (ParamSlice s : g.slices())
            for (int i = s.offset(); i < s.end(); i++) {
                if (s.init() instanceof Init.Uniform u) t[i] = u.low() + (u.high() - u.low()) * r.nextDouble();
                else if (s.init() instanceof Init.Normal n) t[i] = n.mean() + n.std() * r.nextGaussian();
                else if (s.init() instanceof Init.Constant c) t[i] = c.value();
            }
        return t;
    }

    private static final class Lowering {
        private final List<Node> nodes = new ArrayList<>();
        private int offset;
        private String last;

        Lowering input(String id, ValueType t) {
            nodes.add(new Node(id, Node.INPUT_OP, List.of(), Map.of(), t, List.of(), Loc.NONE));
            last = id;
            return this;
        }

        void then(String id, String op, Map<String, Value> given) {
            BlockType block = PLUGIN.blocks().stream().filter(b -> b.name().equals(op)).findFirst().orElseThrow();
            Map<String, Value> attrs = new LinkedHashMap<>(given);
            for (ArgSpec a : block.args()) if (!attrs.containsKey(a.name()) && a.fallback() != null) attrs.put(a.name(), a.fallback());
            ValueType in = nodes.get(nodes.size() - 1).type();
            Shaping.Ok ok = (Shaping.Ok) block.shape(List.of(in), new Args(op, attrs));
            List<ParamSlice> slices = new ArrayList<>();
            for (ParamSpec p : ok.params()) {
                slices.add(new ParamSlice(id + "." + p.name(), offset, p.length(), p.shape(), p.unit(), p.lower(),
                        p.upper(), p.periodic(), p.init()));
                offset += p.length();
            }
            nodes.add(new Node(id, op, List.of(last), attrs, new ValueType(block.output(), ok.width()), slices, Loc.NONE));
            last = id;
        }

        Graph build(String name) {
            return new Graph(name, nodes, last, Loc.NONE);
        }
    }
}
