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

    @Override
    default void close() {
    }
}
