package dev.pnn.resistor;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;

import java.util.List;
import java.util.Set;

/**
 * Backend {@code energy_sim}: simulated energy-based hardware (resistive networks, Hopfield-style networks)
 * relaxed to equilibrium by Newton's method. Offers {@code pnn.energy} (relax, nudge, clamp, local ∂E/∂θ),
 * {@code pnn.forward} and a digital twin ({@code pnn.twin}: implicit differentiation through the equilibrium),
 * so {@code backprop} through the same model can serve as the comparison.
 */
final class EnergySimBackend implements Backend {
    static final String NAME = "energy_sim";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.ENERGY, Capability.FORWARD, Capability.TWIN);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "simulated energy-based hardware: resistor networks and Hopfield-style networks (relax, nudge, clamp)";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> blocks() {
        return Set.of(EnergyBlocks.RESISTOR, EnergyBlocks.HOPFIELD);
    }

    @Override
    public Device open(DeviceRequest request) {
        Graph g = request.graph();
        Node block = physicalNode(g);
        int inputWidth = g.node(block.inputs().get(0)).orElseThrow().type().width();
        return new EnergyDevice(g, request.profile(), request.seed(), block, EnergyModel.of(block, inputWidth));
    }

    /**
     * The one energy block of the graph, fed directly by its input: an equilibrium system is one physical object,
     * so it cannot be chained with other blocks on this backend.
     */
    static Node physicalNode(Graph g) {
        List<Node> blocks = g.nodes().stream().filter(n -> !n.isInput()).toList();
        if (blocks.size() != 1 || !blocks.get(0).id().equals(g.output())
                || g.node(blocks.get(0).inputs().get(0)).map(n -> !n.isInput()).orElse(true))
            throw new PnnException("network " + g.name() + " must be a single " + EnergyBlocks.RESISTOR + " or "
                    + EnergyBlocks.HOPFIELD + " block fed by the input to run on " + NAME, g.loc(),
                    "write the network as 'output y = " + EnergyBlocks.RESISTOR + "(x, ...)'; an equilibrium system "
                            + "is one physical object and is not chained with other blocks");
        return blocks.get(0);
    }
}
