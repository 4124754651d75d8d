package dev.pnn.spi.device;

import dev.pnn.spi.Capability;

/** A typed window onto one capability of a device. Each view interface carries {@link ViewOf}. */
public interface View {
    static Capability capabilityOf(Class<? extends View> type) {
        ViewOf v = type.getAnnotation(ViewOf.class);
        if (v == null) throw new IllegalArgumentException(type.getName() + " lacks @ViewOf");
        return new Capability(v.value());
    }
}
