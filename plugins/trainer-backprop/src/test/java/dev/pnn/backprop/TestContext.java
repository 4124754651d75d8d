package dev.pnn.backprop;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.Optional;

/** The smallest TrainerContext: one device, one loss. */
record TestContext(Device device, Loss loss, Graph graph) implements TrainerContext {
    TestContext(Device device, Loss loss) {
        this(device, loss, device.graph());
    }

    @Override
    public Optional<Device> twin() {
        return Optional.empty();
    }

    @Override
    public long seed() {
        return 1;
    }

    @Override
    public Trainer nested(Value.Call call) {
        throw new UnsupportedOperationException("no nested trainers in this test");
    }
}
