package dev.pnn.spi;

import com.google.inject.Module;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/**
 * The entry point of every plugin, built-in or third-party, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.pnn.spi.PnnPlugin}). Every contribution list defaults to empty (Trino style).
 *
 * <p>Each plugin gets its own Guice child injector made from {@link #module()}; the plugin instance is
 * member-injected from it before any list is read, so {@code @Inject} fields and setters work.
 */
public interface PnnPlugin {
    /** Unique plugin name, e.g. {@code photonic-sim}. */
    String name();

    default String version() {
        return "0.1.0";
    }

    /** The SPI version this plugin was built against; must equal {@link SpiVersion#CURRENT}. */
    default int spiVersion() {
        return SpiVersion.CURRENT;
    }

    default Module module() {
        return binder -> {
        };
    }

    default List<BlockType> blocks() {
        return List.of();
    }

    default List<Backend> backends() {
        return List.of();
    }

    default List<TrainerFactory> trainers() {
        return List.of();
    }

    default List<OptimizerFactory> optimizers() {
        return List.of();
    }

    default List<LossFactory> losses() {
        return List.of();
    }

    default List<DatasetFactory> datasets() {
        return List.of();
    }

    default List<NoiseModelFactory> noiseModels() {
        return List.of();
    }
}
