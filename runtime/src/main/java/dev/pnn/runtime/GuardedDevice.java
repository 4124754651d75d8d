package dev.pnn.runtime;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.View;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The device as a trainer sees it: only views of capabilities the trainer declared. This is what keeps a method
 * comparison honest; a trainer that peeks at a twin it did not ask for fails loudly instead of quietly cheating.
 */
final class GuardedDevice implements Device {
    private final Device inner;
    private final Set<Capability> declared;
    private final String trainer;

    GuardedDevice(Device inner, Set<Capability> declared, String trainer) {
        this.inner = inner;
        this.declared = Set.copyOf(Capability.closure(declared));
        this.trainer = trainer;
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        Capability cap = View.capabilityOf(type);
        if (!declared.contains(cap))
            throw new CapabilityException("trainer '" + trainer + "' asked the device for " + cap
                                          + ", which it did not declare (it declared: " + list(declared) + ")",
                    "a trainer must list every capability it uses in TrainerFactory.requires()");
        return inner.view(type);
    }

    /** What the device offers and the trainer declared, so {@code offers()} never promises a refused view. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> both = new LinkedHashSet<>(Capability.closure(inner.capabilities()));
        both.retainAll(declared);
        return both;
    }

    @Override
    public Graph graph() {
        return inner.graph();
    }

    @Override
    public HardwareProfile profile() {
        return inner.profile();
    }

    @Override
    public long seed() {
        return inner.seed();
    }

    @Override
    public QueryCounter queries() {
        return inner.queries();
    }

    @Override
    public void close() {
        inner.close();
    }

    private static String list(Set<Capability> caps) {
        return caps.isEmpty() ? "nothing" : caps.stream().map(Capability::id).sorted().collect(Collectors.joining(", "));
    }
}
