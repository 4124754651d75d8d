package dev.pnn.photonic;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.List;
import java.util.Set;

/**
 * A photonic instance with per-query noise: its checkpoint state is the position of the one dynamic stream that
 * detector noise and drift draw from ({@link DeviceNoise}), so a resumed run's detector noise continues where the
 * stopped run left off. Drift offsets are not covered: {@link dev.pnn.spi.noise.Drift.Process} exposes no way to
 * set them, so a drifting instance resumes with its drift back at zero (and therefore not bit-identically).
 */
final class NoisyDevice extends KernelDevice {
    private final Rng dynamic;

    NoisyDevice(Graph graph, HardwareProfile profile, long seed, Set<Capability> capabilities,
                List<? extends Kernel> physical, List<? extends Kernel> twin, Rng dynamic) {
        super(graph, profile, seed, capabilities, physical, twin);
        this.dynamic = dynamic;
    }

    @Override
    public long[] state() {
        return dynamic.state();
    }

    @Override
    public void restore(long[] state) {
        if (state.length != 0) dynamic.restore(state);
    }
}
