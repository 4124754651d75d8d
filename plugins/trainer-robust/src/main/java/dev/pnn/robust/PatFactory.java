package dev.pnn.robust;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;

/** {@code pat}: physics-aware training, forward on the device, backward through the ideal twin (ALGORITHMS.md §4). */
final class PatFactory implements TrainerFactory {
    @Override
    public String name() {
        return "pat";
    }

    @Override
    public String summary() {
        return "physics-aware training: forward on the (noisy or real) device, backward through the ideal twin";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.FORWARD, Capability.LAYERS, Capability.TWIN);
    }

    /** Exact on the ideal device only; on a mismatched device it is a biased estimate that stays aligned (§4). */
    @Override
    public TrainerKind kind() {
        return TrainerKind.DESCENT_DIRECTION;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of();
    }

    @Override
    public Trainer create(Args args, TrainerContext context) {
        Device device = context.device();
        Device twin = context.twin().orElseThrow(() -> new PnnException(
                "pat: backend '" + device.profile().backend() + "' provides no ideal digital twin to backpropagate through",
                "use a backend with pnn.twin, or a model-free trainer (spsa, fd) on this hardware"));
        return new PhysicsAwareTrainer(context.graph(), device.view(LayersView.class), twin.view(TwinView.class),
                context.loss());
    }
}
