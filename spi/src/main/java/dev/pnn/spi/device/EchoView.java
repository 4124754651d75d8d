package dev.pnn.spi.device;

/**
 * {@code pnn.echo}: a lossless, time-reversal-invariant wave system coupled to a learning field θ, as used by
 * Hamiltonian echo backpropagation (ALGORITHMS.md §11). A lab launches a wave carrying the input, lets it evolve
 * for the device's fixed duration T, can add a small signal to the wave (error injection), time-reverse the whole
 * state (phase conjugation of the wave, sign flip of the learning field's momentum), read the wave coherently and
 * read the momentum π the learning field picked up (π̇ = −∂H/∂θ). Every {@link Wave#evolve()} counts one
 * {@link dev.pnn.spi.QueryKind#ECHO} query (forward and echo passes alike).
 */
@ViewOf("pnn.echo")
public interface EchoView extends View {
    /** Number of wave modes. */
    int modes();

    /** Modes read as outputs (their intensities |a_r|² are the network's outputs), in output order. */
    int[] outputModes();

    /**
     * Prepares a wave for one sample: a(0) carries {@code input}, the learning field is θ (held fixed during the
     * passes) and its momentum π starts at 0.
     */
    Wave launch(double[] theta, double[] input);

    /** One wave experiment. Not thread-safe. */
    interface Wave {
        /** Evolves (a, π) for the device's duration T. */
        void evolve();

        /** a ← a + δ (δ given per mode, split real and imaginary parts). */
        void inject(double[] deltaRe, double[] deltaIm);

        /** a → a*, π → −π. */
        void timeReverse();

        /** Coherent readout of the wave. */
        void readWave(double[] re, double[] im);

        /** The learning field's momentum, one entry per θ entry (length = θ's length; 0 where not a field). */
        void readMomentum(double[] pi);
    }

    /**
     * Largest deviation of (a, π) from their launch values after evolve, reverse, evolve, reverse for this input:
     * zero for an exactly reversible device up to rounding. Costs two echo queries.
     */
    default double reversibilityError(double[] theta, double[] input) {
        int n = modes();
        Wave w = launch(theta, input);
        double[] re0 = new double[n], im0 = new double[n], pi0 = new double[theta.length];
        w.readWave(re0, im0);
        w.readMomentum(pi0);
        w.evolve();
        w.timeReverse();
        w.evolve();
        w.timeReverse();
        double[] re = new double[n], im = new double[n], pi = new double[theta.length];
        w.readWave(re, im);
        w.readMomentum(pi);
        double err = 0;
        for (int j = 0; j < n; j++) err = Math.max(err, Math.hypot(re[j] - re0[j], im[j] - im0[j]));
        for (int j = 0; j < pi.length; j++) err = Math.max(err, Math.abs(pi[j] - pi0[j]));
        return err;
    }
}
