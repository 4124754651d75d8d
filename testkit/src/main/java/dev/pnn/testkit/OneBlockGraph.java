package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
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

/**
 * What the compiler would build for a network of one block: real input {@code x} → block {@code y}, its parameters
 * placed in θ from offset 0 as slices {@code y.<param>}; plus θ drawn from the slices' declared inits and the
 * request that opens the graph on a backend's ideal (setting-free, noiseless) profile. For plugin tests that
 * exercise one physical block directly, without the compiler.
 */
public final class OneBlockGraph {
    private OneBlockGraph() {
    }

    /** @throws AssertionError when the block refuses the input width or the attributes */
    public static Graph of(BlockType block, int inputWidth, Map<String, Value> attrs) {
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

    /** θ from each slice's init, slice {@code s} drawing from {@code Rng.derived(seed, s.name())}. */
    public static double[] initialTheta(Graph g, long seed) {
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

    /** Opens {@code g} on backend {@code backend} with no settings, no noise and instance seed 1. */
    public static DeviceRequest idealRequest(Graph g, String backend) {
        return new DeviceRequest(g, new HardwareProfile("ideal", backend, Map.of(), Loc.NONE), 1L, v -> List.of());
    }
}
