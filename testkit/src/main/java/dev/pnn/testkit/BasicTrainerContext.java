package dev.pnn.testkit;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.Optional;

/**
 * The smallest trainer context, for plugin tests that hand one trainer a device directly (no runtime, no
 * guarding): one device, one loss, a fixed seed; no twin, no plan, and no nested trainers.
 */
public record BasicTrainerContext(Graph graph, Device device, Loss loss, long seed) implements TrainerContext {
    /** The context over {@code device}'s own graph. */
    public BasicTrainerContext(Device device, Loss loss, long seed) {
        this(device.graph(), device, loss, seed);
    }

    @Override
    public Optional<Device> twin() {
        return Optional.empty();
    }

    @Override
    public Trainer nested(Value.Call call) {
        throw new UnsupportedOperationException("no nested trainers in a BasicTrainerContext (asked for "
                + call.name() + ")");
    }
}
