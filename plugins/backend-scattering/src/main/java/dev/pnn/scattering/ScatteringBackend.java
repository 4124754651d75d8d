package dev.pnn.scattering;

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
 * Backend {@code scattering_sim}: a simulated coupled-resonator network with coherent (homodyne) readout at every
 * port, offering {@code pnn.scattering}, {@code pnn.forward} and a twin (exact derivatives of the same linear
 * model).
 */
final class ScatteringBackend implements Backend {
    static final String NAME = "scattering_sim";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.SCATTERING, Capability.FORWARD, Capability.TWIN);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "simulated coupled-resonator scattering network with coherent probes at every port";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> blocks() {
        return Set.of(ScatteringBlock.NAME);
    }

    @Override
    public Device open(DeviceRequest request) {
        Graph g = request.graph();
        List<Node> blocks = g.nodes().stream().filter(n -> !n.isInput()).toList();
        if (blocks.size() != 1 || !blocks.get(0).id().equals(g.output())
                || g.node(blocks.get(0).inputs().get(0)).map(n -> !n.isInput()).orElse(true))
            throw new PnnException("network " + g.name() + " must be a single " + ScatteringBlock.NAME
                    + " block fed by the input to run on " + NAME, g.loc(),
                    "write the network as 'output y = scattering(x, ...)'; the resonator network is one physical object");
        return new ScatteringDevice(g, request.profile(), request.seed(), blocks.get(0));
    }
}
