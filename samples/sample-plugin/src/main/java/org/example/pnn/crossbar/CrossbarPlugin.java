package org.example.pnn.crossbar;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/**
 * Entry point of the sample third-party plugin, listed in {@code META-INF/services/dev.pnn.spi.PnnPlugin}.
 * Contributes the blocks of module {@code crossbar}, the backend {@code crossbar_sim} and the trainer
 * {@code weight_perturbation}; the module's profiles
 * ship as {@code pnn/stdlib/crossbar.pnn}.
 */
public final class CrossbarPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "crossbar-sim";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public List<BlockType> blocks() {
        return CrossbarBlocks.all();
    }

    @Override
    public List<Backend> backends() {
        return List.of(new CrossbarBackend());
    }

    @Override
    public List<TrainerFactory> trainers() {
        return List.of(new WeightPerturbation());
    }
}
