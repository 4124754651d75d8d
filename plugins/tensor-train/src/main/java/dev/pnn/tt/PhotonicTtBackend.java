package dev.pnn.tt;

import dev.pnn.spi.Capability;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code photonic_tt}: networks of dense and tensor-train linear layers realized as MZI meshes (see
 * {@link MziCount} for the realization and counting rule) with electronic biases and nonlinearities. Ideal
 * devices only. Provides {@code pnn.forward} and the exact-derivative twin {@code tt.jets}.
 */
final class PhotonicTtBackend implements Backend {
    static final String NAME = "photonic_tt";
    static final Set<Capability> CAPABILITIES = Set.copyOf(List.of(Capability.FORWARD, new Capability(JetView.CAPABILITY)));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "ideal photonic tensor-train network: TT cores and dense layers as MZI meshes, electronic nonlinearities";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> blocks() {
        return new LinkedHashSet<>(JetNetwork.OPS);
    }

    @Override
    public Device open(DeviceRequest request) {
        return new TtDevice(request.graph(), request.profile(), request.seed());
    }
}
