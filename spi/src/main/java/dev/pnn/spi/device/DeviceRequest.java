package dev.pnn.spi.device;

import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;

import java.util.List;
import java.util.function.Function;

/**
 * What a backend needs to open a device: the graph, the profile (settings already checked), the instance seed,
 * and a resolver that turns a profile's noise value ({@code shot_noise(photons: 1e4) + adc(bits: 10)}) into
 * noise models from whichever plugin provides them.
 */
public record DeviceRequest(Graph graph, HardwareProfile profile, long seed,
                            Function<Value, List<NoiseModel>> noise) {
    public List<NoiseModel> noiseOf(String key) {
        Value v = profile.settings().get(key);
        return v == null ? List.of() : noise.apply(v);
    }

    /**
     * The graph's one block, for backends whose hardware is one physical object (a Kerr lattice, a resonator
     * network): the network must be a single {@code block} node fed directly by the input, else a located error
     * that shows how to write it ({@code example}, e.g. {@code output y = kerr_lattice(x, ...)}).
     */
    public dev.pnn.spi.ir.Node soleBlock(String block, String backend, String example) {
        List<dev.pnn.spi.ir.Node> blocks = graph.nodes().stream().filter(n -> !n.isInput()).toList();
        if (blocks.size() != 1 || !blocks.get(0).id().equals(graph.output()) || !blocks.get(0).op().equals(block)
                || graph.node(blocks.get(0).inputs().get(0)).map(n -> !n.isInput()).orElse(true))
            throw new dev.pnn.spi.PnnException("network " + graph.name() + " must be a single " + block
                    + " block fed by the input to run on " + backend, graph.loc(),
                    "write the network as '" + example + "'; the hardware is one physical object");
        return blocks.get(0);
    }
}
