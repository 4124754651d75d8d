package dev.pnn.tt;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;

import java.util.Map;
import java.util.Optional;

/** A trainer context over a photonic_tt device, for tests without the runtime. */
record FakeContext(Graph graph, Device device, TrainingPlan planOrNull, Loss loss, long seed) implements TrainerContext {
    static FakeContext of(Graph g, TrainingPlan plan, long seed) {
        Device d = new PhotonicTtBackend().open(new dev.pnn.spi.device.DeviceRequest(g,
                new HardwareProfile("ideal", PhotonicTtBackend.NAME, Map.of(), Loc.NONE), 0, v -> java.util.List.of()));
        return new FakeContext(g, d, plan, null, seed);
    }

    @Override
    public Optional<Device> twin() {
        return Optional.empty();
    }

    @Override
    public Trainer nested(Value.Call call) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TrainingPlan> plan() {
        return Optional.ofNullable(planOrNull);
    }
}
