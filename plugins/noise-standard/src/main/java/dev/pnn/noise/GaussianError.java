package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.StaticError;

/**
 * {@code gaussian(sigma)}: a static error drawn once per device instance, in index order (ALGORITHMS.md §2.4).
 * Reading {@link Reading#ANGLE} adds e ~ N(0, σ²) radians to each value (phase offsets, splitter angles δ).
 * Reading {@link Reading#RATIO} draws a bar-fraction error ε ~ N(0, σ²) and adds the splitter angle it means,
 * δ = −½·asin(2ε) (§2.1, so the bar fraction is cos²(π/4 + δ) = ½ + ε); ε is clipped to [−½, ½], where the coupler becomes a pure bar or cross.
 */
record GaussianError(double sigma, Reading reading) implements StaticError {
    enum Reading { ANGLE, RATIO }

    @Override
    public void perturb(double[] values, int off, int len, Rng rng) {
        for (int i = off; i < off + len; i++) {
            double e = sigma * rng.nextGaussian();
            values[i] += reading == Reading.ANGLE ? e : splitterAngle(e);
        }
    }

    /** δ for a bar-fraction error ε: cos²(π/4 + δ) = ½(1 − sin 2δ) = ½ + ε. */
    static double splitterAngle(double barFractionError) {
        double twoEps = Math.max(-1.0, Math.min(1.0, 2.0 * barFractionError));
        return -0.5 * Math.asin(twoEps);
    }

    @Override
    public String describe() {
        return "gaussian(sigma: " + sigma + (reading == Reading.RATIO ? ", reading: ratio)" : " rad)");
    }

    @Override
    public boolean isIdeal() {
        return sigma == 0;
    }
}
