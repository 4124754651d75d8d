package dev.pnn.backprop;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
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

/** {@code trainer = backprop;}: exact gradients through the device's differentiable twin. */
final class BackpropTrainerFactory implements TrainerFactory {
    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public String summary() {
        return "in-silico backpropagation through the digital twin (exact gradient, needs pnn.twin)";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.TWIN);
    }

    @Override
    public TrainerKind kind() {
        return TrainerKind.EXACT_GRADIENT;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of();
    }

    @Override
    public Trainer create(Args args, TrainerContext context) {
        Node out = context.graph().outputNode();
        if (out.type().domain().complex()) {
            throw new PnnException("backprop: the network output '" + out.id() + "' is " + out.type()
                    + ", but losses need real numbers",
                    out.loc(), "end the network with a detector, e.g. 'output photodetect(" + out.id() + ")'");
        }
        TwinView twin = context.device().view(TwinView.class);
        return new BackpropTrainer(twin, context.loss(), out.type().width(), context::reportStoredDoubles);
    }
}
