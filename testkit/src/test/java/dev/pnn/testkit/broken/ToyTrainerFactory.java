package dev.pnn.testkit.broken;

import dev.pnn.spi.Capability;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A backprop-through-the-twin trainer declaring EXACT_GRADIENT, correct with {@link Flaw#NONE}. */
public class ToyTrainerFactory implements TrainerFactory {
    private static final AtomicLong SHARED = new AtomicLong();
    private final Flaw flaw;

    public ToyTrainerFactory(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "toy_bp_" + flaw.name().toLowerCase();
    }

    @Override
    public String summary() {
        return "backprop with flaw " + flaw;
    }

    @Override
    public Set<Capability> requires() {
        return flaw == Flaw.UNDECLARED_CAPABILITY ? Set.of(Capability.FORWARD) : Set.of(Capability.TWIN);
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
    public Trainer create(Args args, TrainerContext ctx) {
        return (GradientTrainer) (theta, batch, grad) -> gradient(ctx, theta, batch, grad);
    }

    private double gradient(TrainerContext ctx, double[] theta, Batch batch, double[] grad) {
        TwinView twin = ctx.device().view(TwinView.class);
        Tape tape = twin.newTape(batch.size());
        Tensor out = twin.forward(theta, batch.inputs(), tape);
        Tensor og = Tensor.of(ctx.graph().outputNode().type(), batch.size());
        double loss = ctx.loss().evaluate(out, batch, og);
        java.util.Arrays.fill(grad, 0);
        twin.backward(theta, tape, og, grad);
        double inputNorm = 0;
        for (int i = 0; i < batch.size() * batch.inputs().width; i++) inputNorm += Math.abs(batch.inputs().re[i]);
        for (int i = 0; i < grad.length; i++) {
            switch (flaw) {
                case FLIPPED_SIGN -> grad[i] = -grad[i];
                case OFF_BY_ONE_PERCENT -> grad[i] *= 1.01;
                case NONDETERMINISTIC -> grad[i] += 1e-6 * (SHARED.incrementAndGet() % 7);
                case MUTATES_INPUT -> theta[i] -= 0.01 * grad[i]; // takes an SGD step itself
                case NAN_ON_EDGE -> grad[i] *= inputNorm / inputNorm; // "normalizes" by the input scale
                case SLOW_AND_WRONG -> grad[i] *= 0.5;
                default -> {
                }
            }
        }
        return loss;
    }
}
