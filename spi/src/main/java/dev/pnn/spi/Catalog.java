package dev.pnn.spi;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/** Everything the loaded plugins contribute, by kind: what the compiler checks names against. */
public record Catalog(Registry<BlockType> blocks, Registry<Backend> backends, Registry<TrainerFactory> trainers,
                      Registry<OptimizerFactory> optimizers, Registry<LossFactory> losses,
                      Registry<DatasetFactory> datasets, Registry<NoiseModelFactory> noiseModels) {

    /** A catalog straight from plugin instances, without class-loader bookkeeping (tests, testkit). */
    public static Catalog of(List<PnnPlugin> plugins) {
        return new Catalog(
                Registry.of("block", plugins.stream().flatMap(p -> p.blocks().stream()).toList()),
                Registry.of("backend", plugins.stream().flatMap(p -> p.backends().stream()).toList()),
                Registry.of("trainer", plugins.stream().flatMap(p -> p.trainers().stream()).toList()),
                Registry.of("optimizer", plugins.stream().flatMap(p -> p.optimizers().stream()).toList()),
                Registry.of("loss", plugins.stream().flatMap(p -> p.losses().stream()).toList()),
                Registry.of("dataset", plugins.stream().flatMap(p -> p.datasets().stream()).toList()),
                Registry.of("noise model", plugins.stream().flatMap(p -> p.noiseModels().stream()).toList()));
    }
}
