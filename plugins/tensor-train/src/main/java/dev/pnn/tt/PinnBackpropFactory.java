package dev.pnn.tt;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;

/**
 * {@code trainer = pinn_backprop;} the reference for physics-informed plans: exact input derivatives from the
 * {@code tt.jets} twin and the exact ∂L/∂θ by reverse mode through the jets. Needs {@code derivatives = autodiff}.
 */
final class PinnBackpropFactory implements TrainerFactory {
    /** The physics-informed plan keys (the plan is a PDE problem when it has a residual). */
    @Override
    public java.util.Set<String> readsPlanKeys() {
        return PdeProblem.PLAN_KEYS;
    }

    @Override
    public String name() {
        return "pinn_backprop";
    }

    @Override
    public String summary() {
        return "backprop + exact derivatives for PDE plans (reference for tt_zo); needs the tt.jets twin";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(new Capability(JetView.CAPABILITY));
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
        var plan = context.plan().filter(PdeProblem::isPde).orElseThrow(() -> new PnnException(
                "pinn_backprop trains physics-informed plans, but this plan has no residual entry",
                "add residual = ...; (see docs/black-scholes.md) or use trainer = backprop"));
        PinnObjective pinn = new PinnObjective(PdeProblem.from(plan));
        if (pinn.forwardOnly())
            throw new PnnException("pinn_backprop uses exact derivatives but the plan asks for derivatives = stein(...)",
                    plan.locOf(PdeProblem.DERIVATIVES), "write derivatives = autodiff; or use trainer = tt_zo");
        JetView twin = context.device().view(JetView.class);
        return new PinnBackprop(pinn, twin);
    }

    static final class PinnBackprop implements GradientTrainer {
        private final PinnObjective pinn;
        private final JetView twin;
        private long step;

        PinnBackprop(PinnObjective pinn, JetView twin) {
            this.pinn = pinn;
            this.twin = twin;
        }

        @Override
        public double gradient(double[] theta, Batch batch, double[] grad) {
            var in = batch == null ? null : batch.inputs();
            if (in != null && batch.size() > 0 && in.width == pinn.problem().dim()) pinn.sample(step++, in.re, batch.size());
            else pinn.sample(step++);
            java.util.Arrays.fill(grad, 0.0);
            return pinn.lossAndGradient(theta, twin, grad);
        }

        /** Error against the plan's solution, with f itself read as order-0 jets of the evaluation device. */
        @Override
        public java.util.Map<String, Double> finalScores(double[] theta, dev.pnn.spi.device.Device evaluation) {
            JetView jets = evaluation.view(JetView.class);
            return pinn.scores(theta, (th, in, out) -> {
                int rows = in.rows();
                double[] f = jets.jets(th, in.re, rows, 0);
                out.rows(rows);
                System.arraycopy(f, 0, out.re, 0, rows);
            });
        }

        /** The step picks the collocation block; the points themselves are re-derived from it. */
        @Override
        public long[] state() {
            return new long[]{step};
        }

        /** Empty (a checkpoint from before trainer state) leaves step 0. */
        @Override
        public void restore(long[] state) {
            if (state.length == 0) return;
            if (state.length != 1 || state[0] < 0)
                throw new IllegalArgumentException("pinn_backprop state is one step >= 0, got " + java.util.Arrays.toString(state));
            step = state[0];
        }
    }
}
