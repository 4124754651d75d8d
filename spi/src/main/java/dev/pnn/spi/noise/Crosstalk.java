package dev.pnn.spi.noise;

/**
 * Coupling between phase shifters (thermal crosstalk, ALGORITHMS.md §2.4): the effective phase of shifter m is
 * its programmed phase plus a coupling of its neighbours' drives. The backend knows the geometry and passes it as
 * a {@link Neighbours} list; the model knows the physics (how a drive couples).
 */
public interface Crosstalk extends NoiseModel {
    /**
     * Writes the effective phases {@code out[i] = x[i] + Σ_{j∈nbr(i)} c(x[j])} for {@code i < nbr.size()}.
     * {@code x} and {@code out} must be different arrays.
     */
    void couple(double[] x, Neighbours nbr, double[] out);

    /**
     * The vector–Jacobian product of {@link #couple} at {@code x}: writes {@code xBar = (∂out/∂x)ᵀ outBar}.
     * Away from non-smooth points (phase wraps), this is what a twin needs.
     */
    void coupleTranspose(double[] x, Neighbours nbr, double[] outBar, double[] xBar);
}
