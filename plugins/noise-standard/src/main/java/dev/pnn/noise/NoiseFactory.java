package dev.pnn.noise;

import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** One noise model's .pnn signature and its constructor. */
record NoiseFactory(String name, String summary, List<ArgSpec> args, Set<String> roles,
                    Function<Args, NoiseModel> maker) implements NoiseModelFactory {
    NoiseFactory {
        args = List.copyOf(args);
        roles = Set.copyOf(roles);
    }

    @Override
    public NoiseModel create(Args args) {
        return maker.apply(args);
    }
}
