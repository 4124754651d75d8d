package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;
import dev.pnn.spi.train.UpdateTrainer;

import java.util.List;
import java.util.Set;

/** {@code trainer = es(sigma: 0.02, pairs: 20, lr: 0.01, rank: false)}: one ES generation per batch. */
final class EsTrainer implements UpdateTrainer {
    private final EvolutionStrategy es;
    private final BatchLoss objective;
    private final StoredDoubles memory;

    EsTrainer(EvolutionStrategy es, BatchLoss objective, StoredDoubles memory) {
        this.es = es;
        this.objective = objective;
        this.memory = memory;
    }

    @Override
    public double update(double[] theta, Batch batch) {
        objective.on(batch);
        memory.observe(es.storedDoubles(theta.length) + objective.storedDoubles());
        return es.step(objective, theta);
    }

    @Override
    public long[] state() {
        return new long[]{es.generation()};
    }

    /** Empty (a checkpoint from before trainer state) leaves generation 0. */
    @Override
    public void restore(long[] state) {
        if (state.length == 0) return;
        if (state.length != 1) throw new IllegalArgumentException("es state is one generation counter, got " + state.length + " values");
        es.resumeAt(state[0]);
    }

    static final class Factory implements TrainerFactory {
        @Override
        public String name() {
            return "es";
        }

        @Override
        public String summary() {
            return "OpenAI-style evolution strategy with antithetic Gaussian pairs, optional centred-rank shaping";
        }

        @Override
        public Set<Capability> requires() {
            return Set.of(Capability.FORWARD);
        }

        @Override
        public TrainerKind kind() {
            return TrainerKind.DIRECT_UPDATE;
        }

        @Override
        public List<ArgSpec> args() {
            return List.of(
                    ArgSpec.number("sigma", 0.02, "perturbation scale σ"),
                    ArgSpec.integer("pairs", 20, "antithetic pairs per generation (2·pairs loss evaluations)"),
                    ArgSpec.number("lr", 0.01, "step size α"),
                    ArgSpec.bool("rank", false, "centred-rank fitness shaping (robust to outliers, biased)"));
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            double sigma = Arguments.positive(args, "sigma", 0.02);
            int pairs = Arguments.atLeast(args, "pairs", 20, 1);
            double lr = Arguments.positive(args, "lr", 0.01);
            boolean rank = args.bool("rank", false);
            return new EsTrainer(new EvolutionStrategy(sigma, pairs, lr, rank, Seeds.derive(context.seed(), "es")),
                    Arguments.batchLoss(context), new StoredDoubles(context));
        }
    }
}
