package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Rng;
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
 * {@code trainer = spsa(c: 0.01, samples: 4)}: SPSA with Spall's gain sequences (ALGORITHMS.md §8). The
 * perturbation shrinks as c_k = c/(k + 1)^γ. When {@code a > 0} the returned estimate is scaled by
 * a_k = a/(A + k + 1)^α, so that {@code optimizer = sgd(lr: 1)} gives classic SPSA; with the default {@code a: 0}
 * the raw estimate goes to the plan's optimizer (e.g. Adam), which sets its own step.
 */
final class SpsaTrainer implements GradientTrainer {
    private final Spsa spsa = new Spsa();
    private final BatchLoss objective;
    private final double c, gamma, a, bigA, alpha;
    private final int samples;
    private final Rng rng;
    private final StoredDoubles memory;
    private long k;

    SpsaTrainer(BatchLoss objective, double c, int samples, double a, double bigA, double alpha, double gamma, Rng rng,
                StoredDoubles memory) {
        this.memory = memory;
        this.objective = objective;
        this.c = c;
        this.samples = samples;
        this.a = a;
        this.bigA = bigA;
        this.alpha = alpha;
        this.gamma = gamma;
        this.rng = rng;
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        double ck = Spsa.perturbationGain(c, gamma, k);
        objective.on(batch);
        // Δ and the probe point, plus the output buffer
        memory.observe(2L * theta.length + objective.storedDoubles());
        double loss = spsa.estimate(objective, theta, ck, samples, rng, grad);
        if (a > 0) {
            double ak = Spsa.stepGain(a, bigA, alpha, k);
            for (int i = 0; i < grad.length; i++) grad[i] *= ak;
        }
        k++;
        return loss;
    }

    /** The gain schedule's step k and the direction stream; empty (a checkpoint from before) leaves both fresh. */
    @Override
    public long[] state() {
        return new SavedState().add(k).add(rng.state()).toArray();
    }

    @Override
    public void restore(long[] state) {
        if (state.length == 0) return;
        SavedState.Reader r = new SavedState.Reader(state, "spsa");
        long step = r.nextLong();
        long[] stream = r.nextLongs();
        r.done();
        rng.restore(stream);
        k = step;
    }

    static final class Factory implements TrainerFactory {
        @Override
        public String name() {
            return "spsa";
        }

        @Override
        public String summary() {
            return "simultaneous perturbation (Rademacher ±c), 2 loss evaluations per direction whatever the parameter count";
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
            return List.of(
                    ArgSpec.number("c", 0.01, "perturbation size c (c_k = c/(k+1)^gamma); must exceed the noise floor"),
                    ArgSpec.integer("samples", 1, "directions averaged per step"),
                    ArgSpec.number("a", 0.0, "step gain a (a_k = a/(A+k+1)^alpha scales the estimate); 0 leaves the step to the optimizer"),
                    ArgSpec.number("A", 0.0, "stability constant A of the step gain"),
                    ArgSpec.number("alpha", 0.602, "decay exponent of a_k"),
                    ArgSpec.number("gamma", 0.101, "decay exponent of c_k"));
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            double c = Arguments.positive(args, "c", 0.01);
            int samples = Arguments.atLeast(args, "samples", 1, 1);
            double a = Arguments.nonNegative(args, "a", 0.0);
            double bigA = Arguments.nonNegative(args, "A", 0.0);
            double alpha = Arguments.nonNegative(args, "alpha", 0.602);
            double gamma = Arguments.nonNegative(args, "gamma", 0.101);
            BatchLoss objective = Arguments.batchLoss(context);
            return new SpsaTrainer(objective, c, samples, a, bigA, alpha, gamma, Rng.derived(context.seed(), "spsa"),
                    new StoredDoubles(context));
        }
    }
}
