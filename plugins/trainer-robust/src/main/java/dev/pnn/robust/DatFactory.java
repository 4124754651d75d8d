package dev.pnn.robust;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;

/** {@code dat(warmup: 300, ridge: 1e-8)}: dual adaptive training with an affine output residual (ALGORITHMS.md §4). */
final class DatFactory implements TrainerFactory {
    @Override
    public String name() {
        return "dat";
    }

    @Override
    public String summary() {
        return "dual adaptive training: PAT whose twin learns an affine output residual during a warm-up, then uses it";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.FORWARD, Capability.LAYERS, Capability.TWIN);
    }

    @Override
    public TrainerKind kind() {
        return TrainerKind.DESCENT_DIRECTION;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(ArgSpec.integer("warmup", 300, "PAT steps while the residual is fit, before it is used"),
                ArgSpec.number("ridge", 1e-8, "ridge of the least-squares fit, relative to the mean diagonal"));
    }

    @Override
    public Trainer create(Args args, TrainerContext context) {
        int warmup = args.integer("warmup", 300);
        double ridge = args.number("ridge", 1e-8);
        if (warmup < 1) throw new PnnException("dat: warmup must be at least 1 step, got " + warmup, "write dat(warmup: 300)");
        if (!(ridge >= 0)) throw new PnnException("dat: ridge must be ≥ 0, got " + ridge, "write dat(ridge: 1e-8)");
        Node out = context.graph().outputNode();
        if (out.type().domain().complex())
            throw new PnnException("dat: the network output '" + out.id() + "' is " + out.type() + ", a residual needs real outputs",
                    out.loc(), "end the network with a detector");
        Device device = context.device();
        Device twin = context.twin().orElseThrow(() -> new PnnException(
                "dat: backend '" + device.profile().backend() + "' provides no ideal digital twin",
                "use a backend with pnn.twin"));
        return new DualAdaptiveTrainer(context.graph(), device.view(LayersView.class), twin.view(TwinView.class),
                context.loss(), warmup, ridge);
    }
}
