package dev.pnn.scattering;

import dev.pnn.spi.Capability;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;

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
        return new ScatteringDevice(request.graph(), request.profile(), request.seed(),
                request.soleBlock(ScatteringBlock.NAME, NAME, "output y = scattering(x, ...)"));
    }
}
