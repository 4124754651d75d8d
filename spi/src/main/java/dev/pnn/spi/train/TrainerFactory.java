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
    default Set<Capability> requires(Args args, java.util.function.Function<dev.pnn.spi.ir.Value.Call, Set<Capability>> nestedRequirements) {
        return requires();
    }
}
