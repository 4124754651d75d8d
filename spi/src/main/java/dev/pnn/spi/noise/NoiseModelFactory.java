package dev.pnn.spi.noise;

import dev.pnn.spi.Named;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;

import java.util.List;
import java.util.Set;

/**
 * Makes a noise model from its .pnn call ({@code gaussian(sigma: 0.05 rad)}). {@link #roles} says which kinds of
 * profile settings it fits ("static" for fabrication errors, "signal" for detector-side noise, or a
 * backend-specific role such as "crosstalk"), so the compiler can reject {@code detector = thermal(...)}.
 */
public interface NoiseModelFactory extends Named {
    List<ArgSpec> args();

    Set<String> roles();

    NoiseModel create(Args args);
}
