package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
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

/** {@code trainer = cmaes(sigma: 0.1)}: one CMA-ES generation per batch, the mean written back into θ. */
final class CmaEsTrainer implements UpdateTrainer {
    /** Above this the n² covariance and its O(n³) eigendecomposition stop being a sensible choice. */
    static final int MAX_PARAMS = 4000;

    private final CmaEs cma;
    private final BatchLoss objective;
    private final StoredDoubles memory;

    CmaEsTrainer(CmaEs cma, BatchLoss objective, StoredDoubles memory) {
        this.cma = cma;
        this.objective = objective;
        this.memory = memory;
    }

    @Override
    public double update(double[] theta, Batch batch) {
        objective.on(batch);
        memory.observe(cma.storedDoubles() + objective.storedDoubles());
        return cma.step(objective, theta);
    }

    @Override
    public long[] state() {
        return cma.state();
    }

    /** Empty (a checkpoint from before trainer state) leaves CMA-ES as created. */
    @Override
    public void restore(long[] state) {
        if (state.length != 0) cma.restore(state);
    }

    static final class Factory implements TrainerFactory {
        @Override
        public String name() {
            return "cmaes";
        }

        @Override
        public String summary() {
            return "CMA-ES (Hansen's defaults), one generation of λ = 4 + ⌊3 ln P⌋ loss evaluations per batch";
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
                    ArgSpec.number("sigma", 0.1, "initial step size σ₀ in parameter units"),
                    ArgSpec.integer("population", 0, "λ candidates per generation; 0 = 4 + ⌊3 ln P⌋"));
        }

        @Override
        public Trainer create(Args args, TrainerContext context) {
            double sigma = Arguments.positive(args, "sigma", 0.1);
            int population = Arguments.atLeast(args, "population", 0, 0);
            if (population == 1) throw new PnnException("cmaes: population must be 0 (default) or >= 2", "write cmaes(population: 8)");
            int p = context.graph().paramCount();
            if (p > MAX_PARAMS)
                throw new PnnException("cmaes: network " + context.graph().name() + " has " + p
                        + " parameters; full-covariance CMA-ES keeps a " + p + "×" + p + " matrix and is limited to "
                        + MAX_PARAMS, "use es or spsa for large networks, or shrink the network");
            return new CmaEsTrainer(new CmaEs(p, sigma, population, Rng.derived(context.seed(), "cmaes")),
                    Arguments.batchLoss(context), new StoredDoubles(context));
        }
    }
}
