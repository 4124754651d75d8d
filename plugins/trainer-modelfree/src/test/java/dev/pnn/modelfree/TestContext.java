package dev.pnn.modelfree;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.Optional;

/** A trainer context over a test device, recording the reported peak memory. */
final class TestContext implements TrainerContext {
    private final Device device;
    private final Loss loss;
    private final long seed;
    long storedDoubles;

    TestContext(Device device, Loss loss, long seed) {
        this.device = device;
        this.loss = loss;
        this.seed = seed;
    }

    @Override
    public Graph graph() {
        return device.graph();
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Optional<Device> twin() {
        return Optional.empty();
    }

    @Override
    public Loss loss() {
        return loss;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Trainer nested(Value.Call call) {
        throw new UnsupportedOperationException("no nested trainers in these tests");
    }

    @Override
    public void reportStoredDoubles(long count) {
        storedDoubles = Math.max(storedDoubles, count);
    }
}
