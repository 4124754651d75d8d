package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code trainer = fd(scheme: central, h: 1e-3)}: coordinate finite differences of the measured batch loss. */
final class FdTrainer implements GradientTrainer {
    private final FiniteDifferences fd;
    private final BatchLoss objective;
    private final StoredDoubles memory;

    FdTrainer(FiniteDifferences fd, BatchLoss objective, StoredDoubles memory) {
        this.fd = fd;
        this.objective = objective;
        this.memory = memory;
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        objective.on(batch);
        // the probe point plus the output buffer
        memory.observe(theta.length + objective.storedDoubles());
        return fd.estimate(objective, theta, grad);
    }

    static final class Factory implements TrainerFactory {
        @Override
        public String name() {
            return "fd";
        }

        @Override
        public String summary() {
            return "finite differences of the measured loss, one coordinate at a time (forward: P+1, central: 2P loss evaluations per step)";
        }

        @Override
        public Set<Capability> requires() {
            return Set.of(Capability.FORWARD);
        }

        @Override
        public TrainerKind kind() {
            // O(h) or O(h²) truncation error: neither exact nor unbiased, but a descent direction for small h.
            return TrainerKind.DESCENT_DIRECTION;
        }

        @Override
        public List<ArgSpec> args() {
            return List.of(
                    ArgSpec.symbol("scheme", "central", List.of("forward", "central"), "forward (P+1 evaluations, O(h) error) or central (2P, O(h²))"),
                    ArgSpec.number("h", 1e-3, "step in parameter units; must exceed the measurement noise floor"));
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            double h = Arguments.positive(args, "h", 1e-3);
            FiniteDifferences.Scheme scheme = FiniteDifferences.Scheme.valueOf(
                    args.symbol("scheme", "central").toUpperCase(Locale.ROOT));
            BatchLoss objective = Arguments.batchLoss(context);
            return new FdTrainer(new FiniteDifferences(scheme, h), objective, new StoredDoubles(context));
        }
    }
}
