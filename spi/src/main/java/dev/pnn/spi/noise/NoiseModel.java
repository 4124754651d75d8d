package dev.pnn.spi.noise;

/**
 * A non-ideality instantiated from a profile setting. Backends decide where each applies (the setting key names
 * the role: phases, splitters, detector...). The sub-interfaces say <em>how</em> it acts, so one backend can use
 * noise models written by another plugin.
 */
public interface NoiseModel {
    /** Short description for reports, e.g. {@code gaussian(sigma: 0.05 rad)}. */
    String describe();

    /** True when this model changes nothing (σ = 0, infinite photons, infinite bits): backends may skip it. */
    boolean isIdeal();
}
