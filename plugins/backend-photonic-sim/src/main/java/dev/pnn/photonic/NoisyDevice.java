package dev.pnn.photonic;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Rng;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.noise.Drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * A photonic instance with per-query noise: its checkpoint state is the position of the one dynamic stream that
 * detector noise and drift draw from ({@link DeviceNoise}), so a resumed run's detector noise continues where the
 * stopped run left off, and the state of every drift process, so a drifting instance resumes where it had drifted.
 * Layout: the stream's 3 values, then per drift process its length and its values.
 */
final class NoisyDevice extends KernelDevice {
    private final Rng dynamic;
    private final List<Drift.Process> drift;

    NoisyDevice(Graph graph, HardwareProfile profile, long seed, Set<Capability> capabilities,
                List<? extends Kernel> physical, List<? extends Kernel> twin, Rng dynamic, List<Drift.Process> drift) {
        super(graph, profile, seed, capabilities, physical, twin);
        this.dynamic = dynamic;
        this.drift = List.copyOf(drift);
    }

    @Override
    public long[] state() {
        List<long[]> parts = new ArrayList<>();
        parts.add(dynamic.state());
        for (Drift.Process d : drift) {
            long[] s = d.state();
            parts.add(new long[]{s.length});
            parts.add(s);
        }
        return parts.stream().flatMapToLong(LongStream::of).toArray();
    }

    /** An empty state leaves the instance as freshly opened (checkpoints written before device state existed). */
    @Override
    public void restore(long[] state) {
        if (state.length == 0) return;
        dynamic.restore(Arrays.copyOfRange(state, 0, 3));
        int at = 3;
        for (Drift.Process d : drift) {
            int n = (int) state[at++];
            d.restore(Arrays.copyOfRange(state, at, at + n));
            at += n;
        }
        if (at != state.length)
            throw new IllegalArgumentException("device state has " + state.length + " values, expected " + at);
    }
}
