package org.example.pnn.crossbar;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;

/**
 * Trainer {@code weight_perturbation(sigma: 0.01, samples: 4)}: in-situ training the way crossbar chips are often
 * trained, from forward reads only. Per step it draws {@code samples} Gaussian directions u and measures the loss at
 * θ ± σu: ĝ = (1/N) Σ [L(θ + σu) − L(θ − σu)]/(2σ) · u. On a quadratic loss the central difference along u is
 * exactly ∇L·u and E[u uᵀ] = I, so ĝ is unbiased (declared {@link TrainerKind#UNBIASED_ESTIMATE}). Costs 2N
 * forward passes of the batch per step.
 */
final class WeightPerturbation implements TrainerFactory {
    @Override
    public String name() {
        return "weight_perturbation";
    }

    @Override
    public String summary() {
        return "antithetic Gaussian weight perturbation from forward reads only (2 x samples passes per step)";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public TrainerKind kind() {
        return TrainerKind.UNBIASED_ESTIMATE;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(ArgSpec.number("sigma", 0.01, "perturbation size σ in weight units; must exceed the read noise"),
                ArgSpec.integer("samples", 4, "directions averaged per step"));
    }

    @Override
    public Trainer create(Args args, TrainerContext ctx) {
        double sigma = args.number("sigma", 0.01);
        int samples = args.integer("samples", 4);
        if (!(sigma > 0) || samples < 1)
            throw new PnnException("weight_perturbation needs sigma > 0 and samples >= 1, got sigma = " + sigma
                    + ", samples = " + samples, "for example weight_perturbation(sigma: 0.01, samples: 4)");
        ForwardView forward = ctx.device().view(ForwardView.class);
        Loss loss = ctx.loss();
        Rng rng = Rng.derived(ctx.seed(), "weight_perturbation");
        return new GradientTrainer() {
            private double[] probe = new double[0];
            private double[] u = new double[0];
            private Tensor out;

            private double lossAt(double[] th, Batch batch) {
                if (out == null || out.capacity() < batch.size())
                    out = Tensor.of(ctx.graph().outputNode().type(), batch.size());
                forward.forward(th, batch.inputs(), out);
                return loss.evaluate(out, batch, null);
            }

            @Override
            public double gradient(double[] theta, Batch batch, double[] grad) {
                int p = theta.length;
                if (probe.length != p) {
                    probe = new double[p];
                    u = new double[p];
                }
                java.util.Arrays.fill(grad, 0);
                for (int k = 0; k < samples; k++) {
                    for (int i = 0; i < p; i++) u[i] = rng.nextGaussian();
                    for (int i = 0; i < p; i++) probe[i] = theta[i] + sigma * u[i];
                    double up = lossAt(probe, batch);
                    for (int i = 0; i < p; i++) probe[i] = theta[i] - sigma * u[i];
                    double down = lossAt(probe, batch);
                    double slope = (up - down) / (2 * sigma * samples);
                    for (int i = 0; i < p; i++) grad[i] += slope * u[i];
                }
                return lossAt(theta, batch);
            }

            /** The direction stream, so a resumed run (pnn train --resume) draws what the straight run would. */
            @Override
            public long[] state() {
                return rng.state();
            }

            /** Empty: a checkpoint written before trainers had state; the stream starts fresh. */
            @Override
            public void restore(long[] state) {
                if (state.length != 0) rng.restore(state);
            }
        };
    }
}
