package dev.pnn.physics;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/** Plugin {@code physics-trainers}: ep, coupled, heb and scattering_bp. */
public final class PhysicsPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "physics-trainers";
    }

    @Override
    public List<TrainerFactory> trainers() {
        return PhysicsTrainers.all();
    }
}
