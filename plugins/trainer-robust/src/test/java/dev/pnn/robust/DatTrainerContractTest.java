package dev.pnn.robust;

import dev.pnn.backprop.BackpropPlugin;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;

import java.util.ArrayList;
import java.util.List;

/** The testkit's trainer contract, with the oracle of the trainer's declared kind, on the reference device. */
class DatTrainerContractTest implements TrainerContract {
    @Override
    public TrainerFactory trainer() {
        return new DatFactory();
    }

    /** Wrapped trainers (sat's base) come from this plugin and backprop. */
    @Override
    public List<TrainerFactory> nestedTrainers() {
        List<TrainerFactory> all = new ArrayList<>(new RobustTrainersPlugin().trainers());
        all.addAll(new BackpropPlugin().trainers());
        return all;
    }
}
