package dev.pnn.kerr;

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
 * Backend {@code kerr_sim}: a simulated lossless Kerr lattice with time reversal (phase conjugation), offering
 * {@code pnn.echo}, {@code pnn.forward} and a twin (reverse mode through the same discrete Strang map).
 */
final class KerrBackend implements Backend {
    static final String NAME = "kerr_sim";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.ECHO, Capability.FORWARD, Capability.TWIN);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "simulated lossless Kerr lattice with phase conjugation (evolve, inject, time-reverse, read momentum)";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> blocks() {
        return Set.of(KerrBlock.NAME);
    }

    @Override
    public Device open(DeviceRequest request) {
        Graph g = request.graph();
        List<Node> blocks = g.nodes().stream().filter(n -> !n.isInput()).toList();
        if (blocks.size() != 1 || !blocks.get(0).id().equals(g.output())
                || g.node(blocks.get(0).inputs().get(0)).map(n -> !n.isInput()).orElse(true))
            throw new PnnException("network " + g.name() + " must be a single " + KerrBlock.NAME
                    + " block fed by the input to run on " + NAME, g.loc(),
                    "write the network as 'output y = kerr_lattice(x, ...)'; the lattice is one physical object");
        return new KerrDevice(g, request.profile(), request.seed(), blocks.get(0));
    }
}
