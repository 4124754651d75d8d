package dev.pnn.modelfree;

import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;

/** The testkit's trainer contract, with the oracle of the trainer's declared kind. */
class CmaEsTrainerContractTest implements TrainerContract {
    @Override
    public TrainerFactory trainer() {
        return new CmaEsTrainer.Factory();
    }
}
