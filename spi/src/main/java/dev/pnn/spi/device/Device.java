package dev.pnn.spi.device;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.Set;

/**
 * One instantiated backend for one graph, profile and seed: a simulated chip instance with its sampled
 * fabrication errors, or a connection to a real chip. Trainers see it only through {@link #view views}.
 */
public interface Device extends AutoCloseable {
    Graph graph();

    HardwareProfile profile();

    /** The seed that sampled this instance's static errors. */
    long seed();

    Set<Capability> capabilities();

    QueryCounter queries();

    /**
     * The view of one capability.
     *
     * @throws CapabilityException when the device does not offer it, or the caller did not declare it
     */
    <V extends View> V view(Class<V> type);

    default boolean offers(Class<? extends View> type) {
        return Capability.closure(capabilities()).contains(View.capabilityOf(type));
    }

    /**
     * Per-query state a resumed run needs so the device continues as if never stopped (the position of a
     * detector-noise stream, say), saved in every checkpoint like {@link dev.pnn.spi.train.Trainer#state()};
     * doubles as {@link Double#doubleToRawLongBits raw bits}. Static errors are not state: they are re-drawn from
     * the seed. Empty for devices whose outputs depend only on θ, the inputs and the seed.
     */
    default long[] state() {
        return new long[0];
    }

    /** Restores what {@link #state()} returned, before the first query of a resumed run; empty leaves the device fresh. */
    default void restore(long[] state) {
        if (state.length != 0)
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state but was given " + state.length + " values");
    }

    @Override
    default void close() {
    }
}
