package dev.pnn.backprop;

import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;

/** The testkit's trainer contract on {@code backprop} (EXACT_GRADIENT: §3 FD check and Taylor test). */
class BackpropTrainerContractTest implements TrainerContract {
    @Override
    public TrainerFactory trainer() {
        return new BackpropTrainerFactory();
    }
}
