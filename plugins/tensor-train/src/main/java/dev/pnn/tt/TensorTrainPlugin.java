package dev.pnn.tt;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/**
 * Tensor-train photonic layers and backprop-free physics-informed training (seed 000, ALGORITHMS.md §9): block
 * {@code tt_linear} (module {@code tensor_train}), backend {@code photonic_tt}, trainers {@code tt_zo} and
 * {@code pinn_backprop}, data set {@code collocation}.
 */
public final class TensorTrainPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "tensor-train";
    }

    @Override
    public List<BlockType> blocks() {
        return List.of(new TtLinearBlock());
    }

    @Override
    public List<Backend> backends() {
        return List.of(new PhotonicTtBackend());
    }

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new CollocationDataset());
    }

    @Override
    public List<TrainerFactory> trainers() {
        return List.of(new TtZoFactory(), new PinnBackpropFactory());
    }
}
