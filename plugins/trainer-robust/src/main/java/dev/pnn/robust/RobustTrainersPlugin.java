package dev.pnn.robust;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/** Robustness trainers: {@code sat} (sharpness-aware), {@code pat} (physics-aware), {@code dat} (dual adaptive). */
public final class RobustTrainersPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "trainer-robust";
    }

    @Override
    public List<TrainerFactory> trainers() {
        return List.of(new SatFactory(), new PatFactory(), new DatFactory());
    }
}
