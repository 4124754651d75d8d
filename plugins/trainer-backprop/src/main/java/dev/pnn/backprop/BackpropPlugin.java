package dev.pnn.backprop;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.train.LossFactory;
import dev.pnn.spi.train.OptimizerFactory;
import dev.pnn.spi.train.TrainerFactory;

import java.util.List;

/**
 * In-silico backpropagation (ALGORITHMS.md §3) with the standard losses (§1) and first-order optimizers.
 * Contributes trainer {@code backprop}; losses {@code cross_entropy}, {@code mse}, {@code half_sse};
 * optimizers {@code sgd} and {@code adam}.
 */
public final class BackpropPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "trainer-backprop";
    }

    @Override
    public List<TrainerFactory> trainers() {
        return List.of(new BackpropTrainerFactory());
    }

    @Override
    public List<LossFactory> losses() {
        return List.of(LossFactories.crossEntropy(), LossFactories.mse(), LossFactories.halfSse());
    }

    @Override
    public List<OptimizerFactory> optimizers() {
        return List.of(new SgdFactory(), new AdamFactory());
    }
}
