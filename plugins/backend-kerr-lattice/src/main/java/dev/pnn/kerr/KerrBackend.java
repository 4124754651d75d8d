package dev.pnn.kerr;

import dev.pnn.spi.Capability;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;

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
        return new KerrDevice(request.graph(), request.profile(), request.seed(),
                request.soleBlock(KerrBlock.NAME, NAME, "output y = kerr_lattice(x, ...)"));
    }
}
