package dev.pnn.spi.device;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every device holds — its graph, profile, instance seed, declared capabilities and query counter — and the
 * lookup of its views, so a backend writes only the views themselves. A subclass registers each view with
 * {@link #offer} in its constructor; offering a view of an undeclared capability is a programming error.
 */
public abstract class DeviceBase implements Device {
    private final Graph graph;
    private final HardwareProfile profile;
    private final long seed;
    private final Set<Capability> capabilities;
    private final QueryCounter queries = new QueryCounter();
    private final Map<Class<? extends View>, View> views = new LinkedHashMap<>();

    protected DeviceBase(Graph graph, HardwareProfile profile, long seed, Set<Capability> capabilities) {
        this.graph = graph;
        this.profile = profile;
        this.seed = seed;
        this.capabilities = Set.copyOf(capabilities);
    }

    /** Registers the implementation of one view. */
    protected final <V extends View> void offer(Class<V> type, V view) {
        if (!Capability.closure(capabilities).contains(View.capabilityOf(type)))
            throw new IllegalStateException(getClass().getSimpleName() + " offers " + type.getSimpleName()
                    + " without declaring " + View.capabilityOf(type));
        views.put(type, view);
    }

    @Override
    public final Graph graph() {
        return graph;
    }

    @Override
    public final HardwareProfile profile() {
        return profile;
    }

    @Override
    public final long seed() {
        return seed;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final QueryCounter queries() {
        return queries;
    }

    @Override
    public final <V extends View> V view(Class<V> type) {
        View v = views.get(type);
        if (v == null)
            throw new CapabilityException("device " + profile.name() + " (backend " + profile.backend()
                    + ") does not offer " + View.capabilityOf(type),
                    "it offers " + capabilities + "; choose a trainer that needs only those, or another backend");
        return type.cast(v);
    }
}
