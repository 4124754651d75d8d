package dev.pnn.spi.device;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The device as a trainer sees it: only views of capabilities the trainer declared. This keeps a method comparison
 * honest; a trainer that peeks at a twin it did not ask for fails loudly instead of quietly cheating. The runtime
 * and the testkit's {@code TrainerContract} both guard with this class, so contract tests refuse exactly what a
 * real run refuses. Everything else is forwarded to the wrapped device ({@link ForwardingDevice}).
 */
public final class DeclaredViewsDevice extends ForwardingDevice {
    private final Set<Capability> declared;
    private final String trainer;
    private final Consumer<String> refusals;

    /**
     * @param refusals told the message of every refused view, so a trainer that swallows the exception is still
     *                 caught (the testkit records them); may do nothing
     */
    public DeclaredViewsDevice(Device inner, Set<Capability> declared, String trainer, Consumer<String> refusals) {
        super(inner);
        this.declared = Set.copyOf(Capability.closure(declared));
        this.trainer = trainer;
        this.refusals = refusals;
    }

    public DeclaredViewsDevice(Device inner, Set<Capability> declared, String trainer) {
        this(inner, declared, trainer, message -> {
        });
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        Capability cap = View.capabilityOf(type);
        if (!declared.contains(cap)) {
            String msg = "trainer '" + trainer + "' asked the device for " + cap + " (" + type.getSimpleName()
                         + "), which it did not declare (it declared: " + list(declared) + ")";
            refusals.accept(msg);
            throw new CapabilityException(msg, "a trainer must list every capability it uses in TrainerFactory.requires()");
        }
        return inner.view(type);
    }

    /** What the device offers and the trainer declared, so {@code offers()} never promises a refused view. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> both = new LinkedHashSet<>(Capability.closure(inner.capabilities()));
        both.retainAll(declared);
        return both;
    }

    private static String list(Set<Capability> caps) {
        return caps.isEmpty() ? "nothing" : caps.stream().map(Capability::id).sorted().collect(Collectors.joining(", "));
    }
}
