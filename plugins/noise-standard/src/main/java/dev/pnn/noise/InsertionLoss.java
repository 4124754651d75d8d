package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.StaticError;

/**
 * {@code insertion_loss(db_per_mzi, sigma)}: each MZI attenuates power by {@code db_per_mzi} dB, plus a static
 * per-device spread N(0, sigma²) dB. {@link #perturb} adds the loss in dB to each element (one per MZI, starting
 * from 0); the backend turns L dB into the amplitude factor 10^(−L/20). A negative total (gain) is clipped to 0 dB.
 */
record InsertionLoss(double dbPerMzi, double sigmaDb) implements StaticError {
    @Override
    public void perturb(double[] values, int off, int len, Rng rng) {
        for (int i = off; i < off + len; i++) {
            double spread = sigmaDb == 0 ? 0 : sigmaDb * rng.nextGaussian();
            values[i] = Math.max(0.0, values[i] + dbPerMzi + spread);
        }
    }

    /** Amplitude transmission of a loss in dB. */
    static double amplitude(double db) {
        return Math.pow(10.0, -db / 20.0);
    }

    @Override
    public String describe() {
        return "insertion_loss(db_per_mzi: " + dbPerMzi + " dB" + (sigmaDb == 0 ? "" : ", sigma: " + sigmaDb + " dB") + ")";
    }

    @Override
    public boolean isIdeal() {
        return dbPerMzi == 0 && sigmaDb == 0;
    }
}
