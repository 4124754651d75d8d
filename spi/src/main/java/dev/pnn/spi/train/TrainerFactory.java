package dev.pnn.spi.train;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Named;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;

import java.util.List;
import java.util.Set;

/**
 * A training method. Declares the device capabilities it needs, so the compiler can refuse it on hardware that
 * lacks them before anything runs, and so the runtime can refuse it any other view.
 */
public interface TrainerFactory extends Named {
    Set<Capability> requires();

    TrainerKind kind();

    List<ArgSpec> args();

    Trainer create(Args args, TrainerContext context);

    /**
     * Capabilities needed given the arguments (a wrapper like {@code sat} needs what its base needs).
     * {@code nestedRequirements} resolves a nested trainer call's needs. Default: {@link #requires()}.
     */
    /**
     * Plan keys beyond the core ones (data, loss, optimizer, ...) that this trainer reads, e.g. the physics-informed
     * keys {@code residual} and {@code conditions} for a PDE trainer. A plan that states such keys with a trainer
     * that does not read them is refused by the compiler, instead of training on {@code data} and {@code loss} alone.
     */
    default Set<String> readsPlanKeys() {
        return Set.of();
    }

    default Set<Capability> requires(Args args, java.util.function.Function<dev.pnn.spi.ir.Value.Call, Set<Capability>> nestedRequirements) {
        return requires();
    }
}
