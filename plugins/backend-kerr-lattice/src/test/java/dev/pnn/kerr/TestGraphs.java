package dev.pnn.kerr;

import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.Args;
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
import java.util.List;
import java.util.Map;

/** Builds what the compiler would: a graph input → one block, placed in θ, and opens it on kerr_sim. */
final class TestGraphs {
    private TestGraphs() {
    }

    static Graph single(BlockType block, int inputWidth, Map<String, Value> attrs) {
        Shaping s = block.shape(List.of(ValueType.real(inputWidth)), new Args(block.name(), attrs));
        if (!(s instanceof Shaping.Ok ok)) throw new AssertionError("shape failed: " + s);
        List<ParamSlice> slices = new ArrayList<>();
        int off = 0;
        for (ParamSpec p : ok.params()) {
            slices.add(new ParamSlice("y." + p.name(), off, p.length(), p.shape(), p.unit(), p.lower(), p.upper(),
                    p.periodic(), p.init()));
            off += p.length();
        }
        Node in = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(inputWidth), List.of(), Loc.NONE);
        Node y = new Node("y", block.name(), List.of("x"), attrs, ValueType.real(ok.width()), slices, Loc.NONE);
        return new Graph("Net", List.of(in, y), "y", Loc.NONE);
    }

    static Device open(Graph g) {
        return new KerrBackend().open(new DeviceRequest(g,
                new HardwareProfile("ideal", KerrBackend.NAME, Map.of(), Loc.NONE), 1L, v -> List.of()));
    }

    static double[] init(Graph g, long seed) {
        double[] theta = new double[g.paramCount()];
        for (ParamSlice s : g.slices()) {
            Rng rng = Rng.derived(seed, s.name());
            for (int i = s.offset(); i < s.end(); i++) {
                Init init = s.init();
                if (init instanceof Init.Uniform u) theta[i] = u.low() + (u.high() - u.low()) * rng.nextDouble();
                else if (init instanceof Init.Normal n) theta[i] = n.mean() + n.std() * rng.nextGaussian();
                else theta[i] = ((Init.Constant) init).value();
            }
        }
        return theta;
    }

    static Value.Num num(double v) {
        return new Value.Num(v);
    }
}

