package dev.pnn.tt;

import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;

/** The testkit's trainer contract, with the oracle of the trainer's declared kind, on the reference device. */
class TtZoTrainerContractTest implements TrainerContract {
    @Override
    public TrainerFactory trainer() {
        return new TtZoFactory();
    }
}
