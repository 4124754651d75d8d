package dev.pnn.photonic;

import java.util.Arrays;

/**
 * Static (per device instance) imperfections of one mesh. Every MZI is always built from these, so the ideal
 * device is simply all offsets and splitter errors zero and all transmissions one.
 *
 * <p><b>Noise hook.</b> A noisy device samples one {@code MeshErrors} per mesh node from
 * {@code Rng.derived(deviceSeed, "static")} (ALGORITHMS.md §2.2: per MZI e_θ, e_φ, δ₁, δ₂ in layout order, then
 * e_α) and passes it to the mesh kernel's constructor.
 *
 * @param phaseOffset  added to every effective phase, indexed like the parameter layout (θ at 2m, φ at 2m+1,
 *                     α_k at 2M+k); radians
 * @param delta1       input coupler angle error of each MZI: the coupler is at π/4 + δ₁ (radians)
 * @param delta2       output coupler angle error of each MZI
 * @param transmission amplitude transmission of each MZI (1 = lossless; power loss is 1 − t²)
 */
record MeshErrors(double[] phaseOffset, double[] delta1, double[] delta2, double[] transmission) {
    static MeshErrors ideal(MeshLayout layout) {
        int m = layout.mzis();
        double[] t = new double[m];
        Arrays.fill(t, 1.0);
        return new MeshErrors(new double[layout.params()], new double[m], new double[m], t);
    }

    MeshErrors {
        if (delta1.length != delta2.length || delta1.length != transmission.length)
            throw new IllegalArgumentException("one splitter error pair and one transmission per MZI");
    }

    void checkFits(MeshLayout layout) {
        if (phaseOffset.length != layout.params() || delta1.length != layout.mzis())
            throw new IllegalArgumentException("errors sized for " + delta1.length + " MZIs and " + phaseOffset.length
                    + " phases do not fit a " + layout.modes() + "-mode " + layout.kind() + " mesh");
    }
}
