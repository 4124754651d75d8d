package dev.pnn.photonic;

/**
 * How programmed phases become the phases the hardware applies, before static offsets are added: identity for
 * the ideal device. <b>Noise hook</b> for a phase DAC (quantize, straight-through pull-back), thermal crosstalk
 * ({@code dev.pnn.spi.noise.Crosstalk#couple} / {@code coupleTranspose}) and drift (offsets that change between
 * queries). A mesh kernel re-composes its cached matrix whenever the effective phases change, so time-varying
 * maps are safe.
 */
interface PhaseMap {
    /** Writes the applied phases for {@code programmed} (both indexed like the mesh's parameter layout). */
    void apply(double[] programmed, double[] applied);

    /** {@code programmedBar = (∂applied/∂programmed)ᵀ appliedBar}, at {@code programmed}. */
    void pullBack(double[] programmed, double[] appliedBar, double[] programmedBar);

    /** Whether {@link #pullBack} is the identity (lets the kernel skip a copy). */
    default boolean isIdentity() {
        return false;
    }

    PhaseMap IDENTITY = new PhaseMap() {
        @Override
        public void apply(double[] programmed, double[] applied) {
            System.arraycopy(programmed, 0, applied, 0, programmed.length);
        }

        @Override
        public void pullBack(double[] programmed, double[] appliedBar, double[] programmedBar) {
            System.arraycopy(appliedBar, 0, programmedBar, 0, appliedBar.length);
        }

        @Override
        public boolean isIdentity() {
            return true;
        }
    };
}
