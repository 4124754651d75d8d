package dev.pnn.runtime;

import dev.pnn.spi.Named;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.TrainerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one plugin contributes, read once and up front: a plugin whose lists throw is rejected whole
 * instead of half-registered.
 */
record Contributions(List<BlockType> blocks, List<Backend> backends, List<TrainerFactory> trainers,
                     List<OptimizerFactory> optimizers, List<LossFactory> losses, List<DatasetFactory> datasets,
                     List<NoiseModelFactory> noiseModels) {

    static Contributions of(PnnPlugin p) {
        return new Contributions(checked(p.blocks()), checked(p.backends()), checked(p.trainers()),
                checked(p.optimizers()), checked(p.losses()), checked(p.datasets()), checked(p.noiseModels()));
    }

    /** Copies the list, refusing null entries and nameless items with a message the plugin author can act on. */
    private static <T extends Named> List<T> checked(List<T> items) {
        if (items == null) return List.of();
        List<T> out = new ArrayList<>(items.size());
        for (T t : items) {
            if (t == null) throw new IllegalStateException("a contribution list contains null");
            String n = t.name();
            if (n == null || n.isBlank())
                throw new IllegalStateException(t.getClass().getName() + " has no name");
            out.add(t);
        }
        return List.copyOf(out);
    }
}
