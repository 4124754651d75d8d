package dev.pnn.spi;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A namespaced thing a device can do ({@code pnn.forward}, {@code pnn.twin}, ...). Trainers declare what they
 * need, backends what they provide; a trainer sees a device only through the views of capabilities it declared.
 * Open set: plugins may define their own ({@code acme.thermal_probe}).
 */
public record Capability(String id) {
    public static final Capability FORWARD = new Capability("pnn.forward");
    /** A differentiable digital twin with vector–Jacobian products. Implies {@link #FORWARD}. */
    public static final Capability TWIN = new Capability("pnn.twin");
    public static final Capability LAYERS = new Capability("pnn.layers");
    public static final Capability NOISE = new Capability("pnn.noise");
    public static final Capability ENERGY = new Capability("pnn.energy");
    public static final Capability ECHO = new Capability("pnn.echo");
    public static final Capability SCATTERING = new Capability("pnn.scattering");
    public static final Capability RESERVOIR = new Capability("pnn.reservoir");
    public static final Capability ADJOINT = new Capability("pnn.adjoint");

    public Capability {
        if (!id.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+"))
            throw new IllegalArgumentException("capability ids are namespaced like 'pnn.forward', got '" + id + "'");
    }

    /** The capabilities this one brings along (a twin can also run forward). */
    public Set<Capability> implied() {
        return this.equals(TWIN) ? Set.of(FORWARD) : Set.of();
    }

    /** The set plus everything it implies. */
    public static Set<Capability> closure(Set<Capability> caps) {
        Set<Capability> out = new LinkedHashSet<>(caps);
        for (Capability c : caps) out.addAll(c.implied());
        return out;
    }

    @Override
    public String toString() {
        return id;
    }
}
