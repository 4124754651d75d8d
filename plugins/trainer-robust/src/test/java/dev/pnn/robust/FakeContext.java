package dev.pnn.robust;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A trainer context with no device, whose nested trainers come from a function (SAT over fake bases). */
record FakeContext(Function<Value.Call, Trainer> nestedTrainers) implements TrainerContext {
    @Override
    public Graph graph() {
        return new Graph("fake", List.of(), "out", Loc.NONE);
    }

    @Override
    public Device device() {
        throw new UnsupportedOperationException("no device in this fake");
    }

    @Override
    public Optional<Device> twin() {
        return Optional.empty();
    }

    @Override
    public Loss loss() {
        throw new UnsupportedOperationException("no loss in this fake");
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public Trainer nested(Value.Call call) {
        return nestedTrainers.apply(call);
    }
}
