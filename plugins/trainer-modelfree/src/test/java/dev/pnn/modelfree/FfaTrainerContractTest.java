package dev.pnn.modelfree;

import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;
import dev.pnn.testkit.TrainerProblem;

/** The testkit's trainer contract, on a classifier: local learning embeds class labels in its passes. */
class FfaTrainerContractTest implements TrainerContract {
    @Override
    public TrainerFactory trainer() {
        return new LocalTrainer.Factory(false);
    }

    @Override
    public TrainerProblem problem(long seed) {
        return TrainerProblem.linearClassifier(4, 3, 6, seed);
    }
}
