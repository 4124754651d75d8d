package org.example.pnn.crossbar;

import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;

/**
 * The testkit's trainer contract on weight_perturbation: UNBIASED_ESTIMATE, so the mean of many independently
 * seeded estimates must match ∇L within 5 standard errors on the contract's quadratic; plus determinism, untouched
 * θ, forward-only device access and finite results on edge inputs.
 */
class WeightPerturbationContractTest implements TrainerContract {
    @Override
    public TrainerFactory trainer() {
        return new CrossbarPlugin().trainers().get(0);
    }
}
